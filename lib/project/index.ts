export { getProjectIndex, indexSignals, signalsDeclaring } from "./index-builder.js";
export type { ProjectIndex } from "./index-builder.js";
export { dataClassUses } from "./uses.js";
export type { DataClassUse } from "./uses.js";
