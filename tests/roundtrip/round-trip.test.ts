import avro from "avsc";
import { describe, expect, it } from "vitest";
import { AVSC_NAMESPACE, avscType, expectedRead, forAvsc, missingFieldPath, projection, roundTripEvent, valueDifference, type StoredVersion } from "../../lib/roundtrip/index.js";

const DOC = "Avro Event Format for CloudEvents created with openedx_events/schema";
const EVENT = "org.openedx.shop.order.placed.v1";

function event(fields: unknown[], namespace = EVENT) {
  return { name: "CloudEvent", type: "record", doc: DOC, fields, namespace };
}

const LINE = { name: "OrderLine", type: "record", fields: [{ name: "sku", type: "string" }, { name: "discount", type: ["null", "double"], default: null }] };

function order(extra: unknown[] = [], without: string[] = []) {
  const fields = [
    { name: "order_id", type: "long" },
    { name: "total", type: "string" },
    { name: "note", type: ["null", "string"], default: null },
    { name: "lines", type: { type: "array", items: LINE } },
    { name: "receipt", type: "bytes" },
    ...extra,
  ].filter((field) => !without.includes((field as { name: string }).name));
  return event([{ name: "order", type: { name: "OrderData", type: "record", fields } }]);
}

const CURRENT = order();
const options = { samples: 6, seed: 1 };

function stored(schema: unknown, version: number | null = null): StoredVersion {
  return { version, file: `v${version}`, schema };
}

describe("roundTripEvent", () => {
  it("the snapshot itself: compatible, every sample decoded as written, the verdicts agree", () => {
    const trip = roundTripEvent(EVENT, CURRENT, [stored(CURRENT)], options);
    expect(trip.self).toEqual({ ok: true });
    expect(trip.samples).toBe(6);
    expect(trip.versions).toEqual([{ version: stored(CURRENT), compatible: true, findings: [], dynamic: { ok: true }, agree: true }]);
  });

  it("a planted forward-incompatible version (it requires a field the current schema no longer writes): both verdicts say so", () => {
    const v1 = order([{ name: "currency", type: "string" }]);
    const [trip] = roundTripEvent(EVENT, CURRENT, [stored(v1, 1), stored(CURRENT)], options).versions;
    expect(trip!.compatible).toBe(false);
    expect(trip!.findings.map((finding) => [finding.kind, finding.path.join(".")])).toEqual([["reader-field-missing-default", "order.currency"]]);
    expect(trip!.dynamic).toEqual({
      ok: false,
      stage: "resolve",
      sample: null,
      path: "order.currency",
      message: "no matching field for default-less org.openedx.shop.order.placed.v1.OrderData.currency",
    });
    expect(trip!.agree).toBe(true);
  });

  it("a required field missing inside an array of records is located in the reader's data", () => {
    const v1 = event([
      { name: "order", type: { name: "OrderData", type: "record", fields: [{ name: "lines", type: { type: "array", items: { ...LINE, fields: [...LINE.fields, { name: "tax", type: "long" }] } } }] } },
    ]);
    const [trip] = roundTripEvent(EVENT, CURRENT, [stored(v1, 1)], options).versions;
    expect(trip!.dynamic).toMatchObject({ ok: false, stage: "resolve", path: "order.lines[].tax" });
    expect(missingFieldPath("no matching field for default-less x.CloudEvent.top", event([]))).toBe("top");
    expect(missingFieldPath("cannot read \"null\" as \"string\"", CURRENT)).toBeNull();
  });

  it("forward-compatible versions decode every sample as the resolution rules say: a field added since, a nullable the reader has alone, a promotion", () => {
    const older = order([], ["receipt"]);
    const withNullable = order([{ name: "coupon", type: ["null", "string"], default: null }]);
    const promoted = event([
      {
        name: "order",
        type: { name: "OrderData", type: "record", fields: [{ name: "order_id", type: "double" }, { name: "receipt", type: "string" }] },
      },
    ]);
    const trip = roundTripEvent(EVENT, CURRENT, [stored(older, 1), stored(withNullable, 2), stored(promoted, 3)], options);
    expect(trip.versions.map((version) => [version.compatible, version.dynamic, version.agree])).toEqual([
      [true, { ok: true }, true],
      [true, { ok: true }, true],
      [true, { ok: true }, true],
    ]);
  });

  it("a long or an int promoted to float: avsc keeps the written number (JavaScript has no float32), which is the float at float precision", () => {
    const numbers = (type: string) => event([{ name: "n", type }, { name: "m", type: ["null", type], default: null }]);
    for (const written of ["long", "int"]) {
      // 40 samples draw -(2^31) - 1 and 2^31 - 1, which a float32 cannot hold exactly.
      const trip = roundTripEvent(EVENT, numbers(written), [stored(numbers("float"), 1)], { samples: 40, seed: 1 });
      expect(trip.versions.map((version) => [version.compatible, version.dynamic, version.agree])).toEqual([[true, { ok: true }, true]]);
    }
    const expected = expectedRead({ n: 2 ** 31 - 1, m: null }, projection(numbers("float"), numbers("int")));
    expect(valueDifference({ n: 2 ** 31 - 1, m: null }, expected)).toBeNull();
    expect(valueDifference({ n: 2 ** 31, m: null }, expected)).toBeNull();
    expect(valueDifference({ n: 2 ** 31 + 512, m: null }, expected)).toBe("n");
  });

  it("reader-only fields take their default as avsc gives it: bytes and fixed as bytes, a float at float precision, a union avsc wraps not compared", () => {
    const older = order([
      { name: "digest", type: ["bytes", "null"], default: "\u00ff" },
      { name: "hash", type: { type: "fixed", name: "Hash", size: 1 }, default: "\u00ff" },
      { name: "rate", type: "float", default: 0.1 },
      { name: "count", type: ["int", "long"], default: 1 },
    ]);
    const [trip] = roundTripEvent(EVENT, CURRENT, [stored(older, 1)], options).versions;
    expect([trip!.compatible, trip!.dynamic, trip!.agree]).toEqual([true, { ok: true }, true]);
  });

  it("an event type with `-`: avsc refuses the namespace, so avsc alone sees a stand-in, in reader and writer alike", () => {
    const namespace = "org.openedx.enterprise.subsidy.redemption-reversed.v1";
    const schema = event([{ name: "redemption", type: { name: "SubsidyRedemption", type: "record", fields: [{ name: "lms_user_id", type: "long" }] } }], namespace);
    expect(() => avro.Type.forSchema(schema as avro.Schema)).toThrow(/invalid name: "org.openedx.enterprise.subsidy.redemption-reversed.v1/);
    expect(forAvsc(schema)).toEqual({ ...schema, namespace: AVSC_NAMESPACE });
    expect(forAvsc(CURRENT)).toBe(CURRENT);
    expect(avscType(schema).name).toBe(`${AVSC_NAMESPACE}.CloudEvent`);
    const trip = roundTripEvent(namespace, schema, [stored(schema)], options);
    expect(trip.self).toEqual({ ok: true });
    expect(trip.versions[0]!.dynamic).toEqual({ ok: true });
  });

  it("avsc's messages about an event type with `-` name its own namespace, not the stand-in", () => {
    const namespace = "org.openedx.enterprise.subsidy.redemption-reversed.v1";
    const record = (fields: unknown[]) => event([{ name: "redemption", type: { name: "SubsidyRedemption", type: "record", fields } }], namespace);
    const [trip] = roundTripEvent(namespace, record([]), [stored(record([{ name: "lms_user_id", type: "long" }]), 1)], options).versions;
    expect(trip!.dynamic).toEqual({
      ok: false,
      stage: "resolve",
      sample: null,
      path: "redemption.lms_user_id",
      message: `no matching field for default-less ${namespace}.SubsidyRedemption.lms_user_id`,
    });
  });

  it("a current schema avsc refuses is reported on the self round trip, not thrown", () => {
    const trip = roundTripEvent(EVENT, event([{ name: "x", type: "Nope" }]), [], options);
    expect(trip.self).toMatchObject({ ok: false, stage: "encode", sample: null });
    expect((trip.self as { message: string }).message).toMatch(/^avsc refuses the current schema: .*Nope/);
  });
});

describe("what a reader must decode", () => {
  it("projects a value by the resolution rules, and finds the first difference with what avsc decoded", () => {
    const reader = order([{ name: "coupon", type: ["null", "string"], default: null }], ["receipt"]);
    const value = { order: { order_id: 3, total: "9", note: null, lines: [{ sku: "a", discount: 0.5 }], receipt: Buffer.from([1]) } };
    const expected = expectedRead(value, projection(reader, CURRENT));
    expect(expected).toEqual({ order: { order_id: 3, total: "9", note: null, lines: [{ sku: "a", discount: 0.5 }], coupon: null } });
    expect(valueDifference({ order: { ...(expected as any).order, lines: [{ sku: "b", discount: 0.5 }] } }, expected)).toBe("order.lines[0].sku");
    expect(valueDifference(expected, expected)).toBeNull();
  });

  it("a reader field takes the writer field of its own name before one of its aliases (Java's rule, and lib/compat's)", () => {
    const writer = event([{ name: "amount", type: "long" }, { name: "total", type: "long" }]);
    const reader = event([{ name: "total", type: "long", aliases: ["amount"] }]);
    expect(expectedRead({ amount: 1, total: 2 }, projection(reader, writer))).toEqual({ total: 2 });
    expect(expectedRead({ amount: 1 }, projection(reader, event([{ name: "amount", type: "long" }])))).toEqual({ total: 1 });
  });

  it("where avsc differs from the specification and the static check: full record names, and a field's name beside its alias", () => {
    const moved = event([{ name: "order", type: { ...(order().fields[0] as { type: object }).type, namespace: "org.openedx.shop.other" } }]);
    const aliased = order([{ name: "receipt_copy", type: "bytes", aliases: ["receipt"] }], ["receipt"]);
    const current = order([{ name: "receipt_copy", type: "bytes" }]);
    const trips = roundTripEvent(EVENT, current, [stored(moved, 1), stored(aliased, 2)], options).versions;
    expect(trips.map((trip) => [trip.compatible, trip.agree, (trip.dynamic as { message: string }).message])).toEqual([
      [true, false, `no alias found for ${EVENT}.OrderData`],
      [true, false, `ambiguous aliasing for ${EVENT}.OrderData.receipt_copy ([ 'receipt_copy', 'receipt' ])`],
    ]);
  });

  it("the reason samples keep longs within 2^52: avsc's zigzag encoding gives -(2^52 + 1) back as +2^52", () => {
    const long = avro.Type.forSchema("long");
    expect(long.fromBuffer(long.toBuffer(-(2 ** 52)))).toBe(-(2 ** 52));
    expect(long.fromBuffer(long.toBuffer(-(2 ** 52) - 1))).toBe(2 ** 52);
  });
});
