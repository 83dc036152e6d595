/** `import`: Avro snapshots in the openedx-events format → TypeScript event definitions. */
export { importCatalog, type ImportOptions, type ImportResult, type RequiredSettings } from "./import-catalog.js";
export { CustomTypeError, parseCustomTypeFile, parseCustomTypeFlag, type CustomTypeEntry } from "./custom-types.js";
export { LAYOUTS, constantNameOf, subdomainOf, type Layout } from "./layout.js";
export { verifyReproduction, type Reproduction } from "./verify.js";
export { writeSources, type SourceWrite } from "./write-sources.js";
export type { ImportedEvent, ImportProblem, RecordVariant } from "./types.js";
