/** Public surface of the `content_authoring` subdomain. */
export * from "./data.js";
export * from "./signals";
