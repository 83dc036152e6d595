/** Public surface of the course discussions area. */
export * from "./data";
export * from "./signals";
