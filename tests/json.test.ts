import { describe, expect, it } from "vitest";
import { isJsonObject } from "../lib/json.js";

describe("isJsonObject", () => {
  it("is true for objects only: not null, not arrays, not other values", () => {
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject({ type: "record" })).toBe(true);
    expect(isJsonObject(Object.create(null))).toBe(true);
    for (const value of [null, undefined, [], [1], "x", 1, true]) expect(isJsonObject(value)).toBe(false);
  });
});
