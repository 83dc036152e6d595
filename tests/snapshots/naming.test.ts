import { describe, expect, it } from "vitest";
import {
  EVENT_TYPE_MAX_LENGTH,
  InvalidEventTypeError,
  eventTypeFromFileName,
  historyFileName,
  snapshotFileName,
  validateEventType,
} from "../../lib/snapshots/index.js";
import { EVENT, FILE } from "./helpers.js";

describe("validateEventType", () => {
  it.each([EVENT, "a.b", "org.openedx.content_authoring.xblock.published.v1", "org.2u-x.event.v10", "A.B_C-D.9"])(
    "accepts %j",
    (eventType) => {
      expect(validateEventType(eventType)).toBeNull();
    },
  );

  it.each([
    ["../../x", /empty segment/],
    ["a/b", /segment "a\/b"/],
    ["a..b", /empty segment/],
    [".a", /empty segment/],
    ["a.", /empty segment/],
    ["a\\b", /segment "a\\\\b"/],
    ["a.b\\c", /segment "b\\\\c"/],
    ["a b.c", /segment "a b"/],
    ["", /empty/],
    ["a.b\0c", /segment/],
    ["a", /at least two/],
    ["a.b+c", /segment "b\+c"/],
    ["a.b/../c", /segment/],
    ["a.ü", /segment/],
  ])("rejects %j with a reason", (eventType, reason) => {
    const result = validateEventType(eventType);
    expect(result).toMatch(reason);
    // One sentence: ends with a full stop, no line breaks.
    expect(result).toMatch(/\.$/);
    expect(result).not.toContain("\n");
  });

  it("caps the length", () => {
    const atLimit = "a." + "b".repeat(EVENT_TYPE_MAX_LENGTH - 2);
    expect(validateEventType(atLimit)).toBeNull();
    expect(validateEventType(atLimit + "b")).toMatch(new RegExp(`at most ${EVENT_TYPE_MAX_LENGTH}`));
  });

  it("does not throw on a non-string smuggled in from JavaScript", () => {
    expect(validateEventType(42 as unknown as string)).toMatch(/must be a string/);
  });
});

describe("snapshotFileName / historyFileName", () => {
  it("replaces every dot with a plus, like the Python library", () => {
    expect(snapshotFileName(EVENT)).toBe(FILE);
    expect(historyFileName(EVENT, 1)).toBe("org+openedx+learning+course+enrollment+created+v1_schema.v1.avsc");
    expect(historyFileName(EVENT, 10)).toBe("org+openedx+learning+course+enrollment+created+v1_schema.v10.avsc");
  });

  it("throws a typed error only for invalid event types", () => {
    expect(() => snapshotFileName("../../x")).toThrow(InvalidEventTypeError);
    expect(() => historyFileName("a/b", 1)).toThrow(InvalidEventTypeError);
    try {
      snapshotFileName("a..b");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEventTypeError);
      expect((error as InvalidEventTypeError).eventType).toBe("a..b");
      expect((error as InvalidEventTypeError).reason).toMatch(/empty segment/);
    }
  });

  it("rejects history versions that are not positive integers", () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => historyFileName(EVENT, n)).toThrow(RangeError);
  });
});

describe("eventTypeFromFileName", () => {
  it("parses current and history names back", () => {
    expect(eventTypeFromFileName(FILE)).toEqual({ eventType: EVENT, version: null });
    expect(eventTypeFromFileName(historyFileName(EVENT, 3))).toEqual({ eventType: EVENT, version: 3 });
    expect(eventTypeFromFileName(`/some/dir/${FILE}`)).toEqual({ eventType: EVENT, version: null });
    expect(eventTypeFromFileName(`C:\\dir\\${FILE}`)).toEqual({ eventType: EVENT, version: null });
  });

  it("round-trips event types whose segments contain _schema or look like versions", () => {
    for (const eventType of ["a.b_schema", "x.y_schema.v1", "a.v2"]) {
      expect(eventTypeFromFileName(snapshotFileName(eventType))).toEqual({ eventType, version: null });
      expect(eventTypeFromFileName(historyFileName(eventType, 2))).toEqual({ eventType, version: 2 });
    }
  });

  it.each([
    "README.md",
    "org+openedx_schema.json",
    "a_schema.avsc", // one segment
    "a+b_schema.v0.avsc",
    "a+b_schema.v01.avsc",
    "a+b_schema.vx.avsc",
    "a.b_schema.avsc", // dots never appear in generated names
    "a++b_schema.avsc",
    "+a+b_schema.avsc",
    "a+b_schema.avsc.bak",
    ".a+b_schema.avsc.123.abc.tmp",
    "a+b_Schema.avsc",
    "a+b_schema.v99999999999999999999.avsc",
  ])("ignores %j", (name) => {
    expect(eventTypeFromFileName(name)).toBeNull();
  });
});
