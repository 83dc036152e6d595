export { loadCatalog } from "./catalog.js";
export type { Catalog } from "./catalog.js";
export { discoverSources, describeError } from "./discover.js";
export type { DiscoveredSources } from "./discover.js";
