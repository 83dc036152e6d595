/**
 * Data classes of the `learning` subdomain, modelled on
 * `openedx_events/learning/data.py`. Field names are wire names.
 */
import type { Float, Int } from "../types";
import type { UserId } from "../types.js";
import { CCXLocator, CourseKey, UsageKey } from "../keys";

/** A letter grade such as "Pass" or "A". Local alias of a primitive: Avro `"string"`. */
export type Grade = string;

/** Attributes that are not personally identifiable. */
export class UserNonPersonalData {
  readonly id!: Int;
  readonly is_active!: boolean;
}

/** Personally identifiable attributes. */
export class UserPersonalData {
  readonly username!: string;
  readonly email!: string;
  readonly name: string = "";
}

/** A user: the inherited non-personal fields come first, then `pii`. */
export class UserData extends UserNonPersonalData {
  readonly pii!: UserPersonalData;
}

/** A course as the LMS sees it. */
export class CourseData {
  /** Static members are not fields. */
  static readonly KIND = "course";

  readonly course_key!: CourseKey;
  /** A non-null default does not change the schema. */
  readonly display_name: string = "";
  readonly start: Date | null = null;
  readonly end: null | Date = null;

  /** `#private` fields are not fields. */
  #label: string | undefined;

  /** Accessors are not fields. */
  get label(): string {
    this.#label ??= `${this.display_name} (${String(this.course_key)})`;
    return this.#label;
  }

  /** Methods are not fields. */
  isRunning(at: Date): boolean {
    return (this.start === null || this.start <= at) && (this.end === null || at < this.end);
  }

  /** Static methods are not fields. */
  static describe(course: CourseData): string {
    return course.label;
  }
}

/** An enrollment. `created_by` reuses `UserData`, already defined by `user`. */
export class CourseEnrollmentData {
  readonly user!: UserData;
  readonly course!: CourseData;
  readonly mode!: string;
  readonly is_active!: boolean;
  readonly creation_date!: Date;
  readonly created_by: UserData | null = null;
}

/** A generated certificate. */
export class CertificateData {
  readonly user!: UserData;
  readonly course!: CourseData;
  readonly mode!: string;
  readonly grade!: Grade;
  readonly current_status!: string;
  readonly download_url!: string;
  readonly name!: string;
}

/** Cohort membership: an `interface` data class, reached through a type-level signal. */
export interface CohortData {
  user: UserData;
  course: CourseData;
  name: string;
}

/**
 * A CCX course. Like the attrs class, it redefines `display_name`, `start`
 * and `end`: those move to this class's position, so the field order is
 * course_key, ccx_course_key, master_course_key, display_name, coach_email,
 * start, end, max_students_allowed.
 */
export class CcxCourseData extends CourseData {
  readonly ccx_course_key!: CCXLocator;
  readonly master_course_key!: CourseKey;
  override readonly display_name: string = "";
  readonly coach_email: string = "";
  override readonly start: Date | null = null;
  override readonly end: null | Date = null;
  readonly max_students_allowed: Int | null = null;
}

/** Whether a learner is passing a course. */
export class CoursePassingStatusData {
  readonly is_passing!: boolean;
  readonly course!: CourseData;
  readonly user!: UserData;
}

/**
 * Passing status in a CCX course. `course` is redeclared with a narrower
 * type, so it replaces the inherited field and moves after `user`:
 * is_passing, user, course.
 */
export class CcxCoursePassingStatusData extends CoursePassingStatusData {
  declare readonly course: CcxCourseData;
}

/** A persisted course grade summary. */
export class PersistentCourseGradeData {
  readonly user_id!: UserId;
  readonly course!: CourseData;
  readonly course_edited_timestamp!: Date;
  readonly course_version!: string;
  readonly grading_policy_hash!: string;
  readonly percent_grade!: Float;
  readonly letter_grade!: Grade;
  readonly passed_timestamp: null | Date = null;
}

/** Skills verified (or ignored) by a learner on an XBlock. */
export class XBlockSkillVerificationData {
  readonly usage_key!: UsageKey;
  readonly verified_skills!: Int[];
  readonly ignored_skills!: Array<Int>;
}

/** A proctored/timed exam attempt. */
export class ExamAttemptData {
  readonly student_user!: UserData;
  readonly course_key!: CourseKey;
  readonly usage_key!: UsageKey;
  readonly exam_type!: string;
  readonly requesting_user: UserData | null = null;
}

/** Badge template: an object-literal `type` alias data class. */
export type BadgeTemplateData = {
  uuid: string;
  origin: string;
  name: string;
  description: string;
  image_url: string;
};

/** An awarded badge. */
export class BadgeData {
  readonly uuid!: string;
  readonly user!: UserData;
  readonly template!: BadgeTemplateData;
}

/** An ID-verification attempt. */
export class VerificationAttemptData {
  readonly attempt_id!: Int;
  readonly user!: UserData;
  readonly status!: string;
  readonly name!: string;
  readonly expiration_date: Date | null = null;
}

/** A course access role granted to a user. */
export class CourseAccessRoleData {
  readonly user!: UserData;
  readonly org_key!: string;
  readonly course_key!: CourseKey;
  readonly role!: string;
}
