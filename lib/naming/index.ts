export { analyzeEventType, isAvroNamespace, isConstantCase, toConstantCase, toSnakeSegment, closestName } from "./event-type.js";
export type { EventTypeIssue, EventTypeOptions } from "./event-type.js";
