/** Public surface of the `learning` subdomain. */
export * from "./data";
export * from "./signals.js";
/** Re-exported under another name: the record is still called `CourseData`. */
export { CourseData as LearningCourseData } from "./data.js";
