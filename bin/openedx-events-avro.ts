#!/usr/bin/env node
import { runCli } from "../lib/cli/main.js";
import { processIO } from "../lib/cli/output.js";

process.exitCode = await runCli(process.argv.slice(2), processIO(process));
