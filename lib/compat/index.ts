/** Avro schema resolution (reader vs writer) and registry compatibility modes. */
export { checkCompatibility } from "./check.js";
export { describeAvroType, describeTypeTree, WHOLE_TYPE, type DescribeLimits, type TypeLeaf } from "./describe.js";
export { MAX_FINDINGS } from "./resolve.js";
export { checkMode, type CompatibilityDirection, type ModeCheck, type ModeResult } from "./modes.js";
export { COMPATIBILITY_MODES, isCompatibilityMode, type CompatibilityMode } from "../settings.js";
export { type CompatibilityFinding, type CompatibilityResult, type FindingKind } from "./types.js";
