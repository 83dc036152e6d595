export { nullableTypeText, jsonStringTypeText, warningTagText, jsDocWithTag, newJsDocBefore, warningReasonText } from "./text.js";
