/**
 * PLANTED MISTAKES, for `npm run demo` (see examples/README.md).
 */
import { OpenEdxPublicSignal } from "../tooling";
import { CourseRunArchivedData, GradeExportData, ProfileChangeData } from "./data";

/**
 * A learner's profile changed.
 *
 * Mistake: `ProfileChangeData` has a dict and an optional field, so this
 * event cannot be serialized, and it is not listed in
 * `knownUnserializableSignals` either.
 */
export const USER_PROFILE_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.user.profile.changed.v1",
  data: {
    profile_change: ProfileChangeData,
  },
});

/**
 * A bulk grade export was requested.
 *
 * Done right: listed in `knownUnserializableSignals` (the demo's settings),
 * with a warning that says why.
 *
 * @warning This event is not sent over the event bus: its `filters` are a
 * free-form dict that the event bus cannot carry.
 */
export const GRADE_EXPORT_REQUESTED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.grade.export.requested.v1",
  data: {
    export: GradeExportData,
  },
});

/**
 * A course run was archived.
 *
 * Mistake: the event type has no version suffix (`.v1`).
 */
export const COURSE_RUN_ARCHIVED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.course_run.archived",
  data: {
    course_run: CourseRunArchivedData,
  },
});
