import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";
import { setCacheTimeToLive } from "../lib/testing.js";

// @typescript-eslint/rule-tester runs on vitest.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// Tests change files between runs: no cache may serve a stale view. (The caches of lib/ are
// loaded after this line; each takes the value when it registers with lib/testing.ts.)
setCacheTimeToLive(0);
