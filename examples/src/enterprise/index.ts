/** Public surface of the `enterprise` subdomain. */
export * from "./data";
export * from "./signals";
