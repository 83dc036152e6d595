/**
 * A disagreement between the static verdict and avsc cannot be made with correct code: here the
 * static checker is broken on purpose (mocked), and the round trip must catch it and say so, with
 * the event, the version and the field.
 */
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type * as Compat from "../../lib/compat/index.js";

const broken = vi.hoisted(() => ({ mode: "none" as "none" | "always-compatible" | "always-incompatible" }));

vi.mock("../../lib/compat/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof Compat>();
  return {
    ...original,
    checkCompatibility: (reader: unknown, writer: unknown) => {
      const result = original.checkCompatibility(reader, writer);
      if (broken.mode === "always-compatible") return { compatible: true, findings: [], findingCount: 0 };
      if (broken.mode === "always-incompatible") {
        return {
          compatible: false,
          findings: [{ kind: "type-mismatch", path: ["order", "total"], readerType: "long", writerType: "string", message: "Reader long cannot read writer string." }],
          findingCount: 1,
        };
      }
      return result;
    },
  };
});

const { runCli } = await import("../../lib/cli/main.js");
const { roundTripEvent } = await import("../../lib/roundtrip/index.js");
const { resetCaches } = await import("../../lib/testing.js");
const { FIXTURES } = await import("../helpers.js");

const PROJECT = path.join(FIXTURES, "roundtrip", "project");

async function check(...argv: string[]) {
  let stdout = "";
  const io = { cwd: PROJECT, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {} };
  const code = await runCli(["check", "--src", "src", "--schema-dir", "schemas", ...argv], io);
  return { code, stdout };
}

beforeEach(() => {
  broken.mode = "none";
  resetCaches("snapshots");
});

const schema = (fields: unknown[]) => ({ name: "CloudEvent", type: "record", fields: [{ name: "order", type: { name: "OrderData", type: "record", fields } }], namespace: "org.openedx.x.y.v1" });

describe("a static verdict that avsc contradicts is reported as our bug", () => {
  it("in the library: agree is false", () => {
    broken.mode = "always-compatible";
    const current = schema([{ name: "total", type: "string" }]);
    const v1 = schema([{ name: "total", type: "string" }, { name: "currency", type: "string" }]);
    const [trip] = roundTripEvent("org.openedx.x.y.v1", current, [{ version: 1, file: "v1", schema: v1 }], { samples: 3, seed: 1 }).versions;
    expect(trip).toMatchObject({ compatible: true, agree: false, dynamic: { ok: false, stage: "resolve" } });
  });

  it("check --round-trip: static says compatible, avsc cannot decode: event, version and field", async () => {
    broken.mode = "always-compatible";
    const { code, stdout } = await check("--round-trip");
    expect(code).toBe(1);
    expect(stdout).toContain(
      "Event `org.openedx.shop.order.placed.v1`, stored version v1 (schemas/org+openedx+shop+order+placed+v1_schema.v1.avsc), field `order.currency`: the static check says a consumer reading with it can decode what the current schema writes, but avsc cannot resolve the two schemas: no matching field for default-less org.openedx.shop.order.placed.v1.OrderData.currency. The two verdicts must agree: this is a bug of eslint-plugin-openedx-events; please report it with the two schemas.  round-trip",
    );
    expect(stdout).toContain("round-trip 3 events, 5 samples each, 5 stored versions as reader: 1 disagreement\n");
  });

  it("check --round-trip: static says incompatible, avsc decodes every sample: event, version and field", async () => {
    broken.mode = "always-incompatible";
    const { code, stdout } = await check("--round-trip", "--samples", "4", "--mode", "NONE");
    expect(code).toBe(1);
    expect(stdout).toContain(
      "Event `org.openedx.shop.order.cancelled.v1`, stored version v1 (schemas/org+openedx+shop+order+cancelled+v1_schema.v1.avsc), field `order.total`: the static check says a consumer reading with it cannot decode what the current schema writes (`order.total`: Reader long cannot read writer string), but avsc decoded all 4 samples as the resolution rules say. The two verdicts must agree: this is a bug of eslint-plugin-openedx-events; please report it with the two schemas.  round-trip",
    );
    expect(stdout).toContain("round-trip 3 events, 4 samples each, 5 stored versions as reader: 4 disagreements\n");
  });
});
