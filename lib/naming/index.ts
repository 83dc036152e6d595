export { analyzeEventType, isConstantCase, toConstantCase, toSnakeSegment, closestName } from "./event-type.js";
export type { EventTypeIssue, EventTypeOptions } from "./event-type.js";
export { AVRO_NAME, EVENT_TYPE_SEGMENT, invalidNamespaceMessage, isAvroName, isEventBusNamespace, isStrictAvroNamespace } from "./avro-names.js";
