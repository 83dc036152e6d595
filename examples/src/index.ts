/**
 * The whole example catalog: every signal, by subdomain.
 *
 * Only the signal modules are re-exported here: `learning` and
 * `content_authoring` both define a data class named `CourseData`.
 */
export * from "./learning/signals";
export * from "./content_authoring/signals.js";
export * from "./course_discussions/signals.ts";
export * from "./enterprise/signals";
