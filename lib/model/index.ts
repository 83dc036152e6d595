export { analyzeSourceFile, analyzeProgram, analyzeFilePath, analyzeLintedFile, topLevelDataClassNodes } from "./analyze.js";
export type { FileModel, DataClassNode } from "./analyze.js";
export { TypeMapper } from "./type-mapper.js";
export { mayDeclareSignals } from "./signals.js";
export { parseJsDoc } from "./jsdoc.js";
export { causeText, reasonText, type UnsupportedCauseId } from "./causes.js";
export type {
  DataClassKind,
  DataClassModel,
  FieldModel,
  FieldType,
  JsDoc,
  ModelProblem,
  SignalDeclaration,
  UnsupportedCode,
  UnsupportedType,
} from "./types.js";
