/**
 * Signals of the course discussions (forum) area, modelled on the discussion
 * signals of `openedx_events/learning/signals.py`.
 */
import { OpenEdxPublicSignal } from "../tooling.ts";
import { CourseKey } from "../keys";
import type { Int } from "../types.ts";
import { UserData } from "../learning/index.ts";
import { CourseDiscussionConfigurationData, DiscussionThreadData } from "./data.js";
import type { DiscussionResponseData } from "./data";

/**
 * Course discussion configuration changed.
 *
 * Emitted when the discussion settings of a course (provider, in-context
 * discussions, graded units, topic contexts) are saved.
 */
export const COURSE_DISCUSSIONS_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.discussions.configuration.changed.v1",
  data: {
    configuration: CourseDiscussionConfigurationData,
  },
});

/**
 * A forum thread was created.
 *
 * Emitted when a learner or staff member creates a discussion thread.
 */
export const FORUM_THREAD_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.forum.thread.created.v1",
  data: {
    thread: DiscussionThreadData,
  },
});

/**
 * A response was added to a forum thread.
 *
 * Emitted when a user responds to a thread. The payload is declared at the
 * type level because `DiscussionResponseData` is an interface.
 */
export const FORUM_THREAD_RESPONSE_CREATED = new OpenEdxPublicSignal<{
  response: DiscussionResponseData;
}>({
  event_type: "org.openedx.learning.forum.thread.response.created.v1",
});

/**
 * A forum response was endorsed.
 *
 * Emitted when staff or the thread author endorses a response
 * (illustrative event, not part of openedx-events).
 */
export const FORUM_RESPONSE_ENDORSED = new OpenEdxPublicSignal<{
  response: DiscussionResponseData;
  endorsed_by: UserData;
}>({
  event_type: "org.openedx.learning.forum.response.endorsed.v1",
});

/**
 * A forum thread was flagged for moderation.
 *
 * Emitted when a user reports a thread as abusive (illustrative event, not
 * part of openedx-events).
 */
export const FORUM_THREAD_FLAGGED = new OpenEdxPublicSignal({
  eventType: "org.openedx.learning.forum.thread.flagged.v1",
  data: {
    thread: DiscussionThreadData,
    reporter: UserData,
    course_key: CourseKey,
    flagged_at: Date,
  },
});

/**
 * The discussion tags a user follows changed.
 *
 * Emitted when a user updates the tags they follow in the course forums
 * (illustrative event, not part of openedx-events).
 */
export const FORUM_USER_TAGS_CHANGED = new OpenEdxPublicSignal<{ user_id: Int; tags: string[] }>({
  eventType: "org.openedx.learning.forum.user.tags.changed.v1",
});
