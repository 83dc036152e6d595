/** Avro schema resolution (reader vs writer) and registry compatibility modes. */
export { checkCompatibility, clearCompatibilityCache } from "./check.js";
export { describeAvroType } from "./describe.js";
export { MAX_FINDINGS } from "./resolve.js";
export {
  COMPATIBILITY_MODES,
  checkMode,
  isCompatibilityMode,
  type CompatibilityDirection,
  type CompatibilityMode,
  type ModeCheck,
  type ModeResult,
} from "./modes.js";
export { type CompatibilityFinding, type CompatibilityResult, type FindingKind } from "./types.js";
