import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";
import { projectIndexTtl } from "../lib/project/index.js";
import { snapshotFreshness } from "../lib/snapshots/index.js";

// @typescript-eslint/rule-tester runs on vitest.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// Tests change files between runs: the project index must never serve a stale view.
projectIndexTtl.walk = 0;
projectIndexTtl.check = 0;
snapshotFreshness.ttlMs = 0;
