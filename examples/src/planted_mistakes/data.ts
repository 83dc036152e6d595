/**
 * PLANTED MISTAKES, for `npm run demo`: data classes with fields the event
 * bus cannot carry. The rest of the catalog is clean; these are what the
 * demo's diagnostics are about (see examples/README.md).
 */
import type { Int } from "../types";
import { UserData } from "../learning/data";

/** A change of a learner's profile. */
export class ProfileChangeData {
  readonly user!: UserData;
  /** Mistake: a dict. Avro as used by the event bus has no maps. */
  readonly changed_fields!: Record<string, string>;
  /** Mistake: an optional field. A missing value must be written `null`. */
  readonly previous_email?: string;
  readonly changed_at!: Date;
}

/** A bulk grade export: a dict on purpose, so its signal is listed as unserializable. */
export class GradeExportData {
  readonly requested_by!: UserData;
  readonly filters!: Record<string, string>;
  readonly row_count!: Int;
}

/** An archived course run: every field is fine. */
export class CourseRunArchivedData {
  readonly course_run_key!: string;
  readonly archived_by!: UserData;
}
