/** `check --round-trip`: sample data through avsc, against every stored version of each snapshot. */
export { AVSC_NAMESPACE, avscType, forAvsc } from "./avsc-types.js";
export { UNKNOWN, expectedRead, projection, valueDifference } from "./expected.js";
export {
  DEFAULT_SAMPLES,
  DEFAULT_SEED,
  missingFieldPath,
  roundTripEvent,
  type DynamicResult,
  type EventRoundTrip,
  type RoundTripOptions,
  type StoredVersion,
  type VersionRoundTrip,
} from "./round-trip.js";
export { sampleValues, seedOf, seededRandom } from "./samples.js";
