/**
 * Signals of the `learning` subdomain, modelled on
 * `openedx_events/learning/signals.py`.
 */
import { OpenEdxPublicSignal } from "../tooling";
import {
  BadgeData,
  CcxCoursePassingStatusData,
  CertificateData,
  CourseAccessRoleData,
  CourseEnrollmentData,
  CoursePassingStatusData,
  ExamAttemptData,
  PersistentCourseGradeData,
  UserData,
  VerificationAttemptData,
  XBlockSkillVerificationData,
} from "./data";
import type { CohortData } from "./data.js";

/**
 * User's registration is completed.
 *
 * Emitted when the user registration process in the LMS is completed.
 */
export const STUDENT_REGISTRATION_COMPLETED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.student.registration.completed.v1",
  data: {
    user: UserData,
  },
});

/**
 * User's login session is completed.
 *
 * Emitted when the user's login process in the LMS is completed.
 */
export const SESSION_LOGIN_COMPLETED = OpenEdxPublicSignal({
  event_type: "org.openedx.learning.auth.session.login.completed.v1",
  data: {
    user: UserData,
  },
});

/**
 * User's enrollment is created.
 *
 * Emitted when the user's enrollment in a course is created.
 */
export const COURSE_ENROLLMENT_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.course.enrollment.created.v1",
  data: {
    enrollment: CourseEnrollmentData,
  },
});

/**
 * User's course enrollment is changed.
 *
 * Emitted when the user's enrollment in a course is updated (mode change,
 * reactivation, …).
 */
export const COURSE_ENROLLMENT_CHANGED = new OpenEdxPublicSignal({
  eventType: "org.openedx.learning.course.enrollment.changed.v1",
  data: {
    enrollment: CourseEnrollmentData,
  },
});

/**
 * User is unenrolled from a course.
 *
 * Emitted when the user's unenrollment from a course is completed.
 */
export const COURSE_UNENROLLMENT_COMPLETED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.course.unenrollment.completed.v1",
  data: {
    enrollment: CourseEnrollmentData,
  },
});

/**
 * A user's certificate is created.
 *
 * Emitted when the user's certificate creation process in the LMS is completed.
 */
export const CERTIFICATE_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.certificate.created.v1",
  data: {
    certificate: CertificateData,
  },
});

/**
 * A user's cohort membership changed.
 *
 * Emitted when a cohort membership update ends. `CohortData` is an
 * interface, so the payload is declared at the type level.
 */
export const COHORT_MEMBERSHIP_CHANGED = new OpenEdxPublicSignal<{ cohort: CohortData }>({
  event_type: "org.openedx.learning.cohort_membership.changed.v1",
});

/**
 * A learner's passing status in a CCX course was updated.
 *
 * Emitted when the learner's grade is updated and the passing status changes
 * in a Custom Course for EdX.
 */
export const CCX_COURSE_PASSING_STATUS_UPDATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.ccx.course.passing.status.updated.v1",
  data: {
    course_passing_status: CcxCoursePassingStatusData,
  },
});

/**
 * A learner's passing status in a course was updated.
 *
 * Emitted when the learner's grade is updated and the passing status changes.
 */
export const COURSE_PASSING_STATUS_UPDATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.course.passing.status.updated.v1",
  data: {
    course_passing_status: CoursePassingStatusData,
  },
});

/**
 * A persistent grade summary was changed.
 *
 * Emitted when a learner's persistent course grade is created or updated.
 */
export const PERSISTENT_GRADE_SUMMARY_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.course.persistent_grade_summary.changed.v1",
  data: {
    grade: PersistentCourseGradeData,
  },
});

/**
 * Skills on an XBlock were verified by a learner.
 *
 * Emitted when a learner confirms or rejects the skills tagged on an XBlock.
 */
export const XBLOCK_SKILL_VERIFIED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.xblock.skill.verified.v1",
  data: {
    xblock_info: XBlockSkillVerificationData,
  },
});

/**
 * An exam attempt was submitted.
 *
 * Emitted when a learner submits a proctored or timed exam attempt.
 */
export const EXAM_ATTEMPT_SUBMITTED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.exam.attempt.submitted.v1",
  data: {
    exam_attempt: ExamAttemptData,
  },
});

/**
 * A badge was awarded to a learner.
 *
 * Emitted when a badge is awarded to a learner by a badging service.
 */
export const BADGE_AWARDED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.badge.awarded.v1",
  data: {
    badge: BadgeData,
  },
});

/**
 * An ID-verification attempt was created.
 *
 * Emitted when a learner starts an identity verification attempt.
 */
export const IDV_ATTEMPT_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.idv_attempt.created.v1",
  data: {
    idv_attempt: VerificationAttemptData,
  },
});

/**
 * A course access role was added to a user.
 *
 * Emitted when a user is granted a course access role (staff, instructor, …).
 */
export const COURSE_ACCESS_ROLE_ADDED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.user.course_access_role.added.v1",
  data: {
    course_access_role_data: CourseAccessRoleData,
  },
});
