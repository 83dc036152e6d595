export {
  nullableTypeText,
  jsonStringTypeText,
  warningTagText,
  jsDocWithTag,
  newJsDocBefore,
  warningReasonText,
  stringLiteralText,
  stringLiteralEnd,
} from "./text.js";
