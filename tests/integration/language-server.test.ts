import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient } from "./lsp-client.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const server = path.join(root, "node_modules", "vscode-langservers-extracted", "bin", "vscode-eslint-language-server");

const SIGNALS = `import { OpenEdxPublicSignal } from "@openedx/events";
import { ProfileData } from "./data";

/**
 * Emitted when a profile changes.
 */
export const PROFILE_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.profile.changed.v1",
  data: { profile: ProfileData },
});

export class LocalData {
  readonly nickname?: string;
}

/**
 * Emitted when a nickname changes.
 */
export const NICKNAME_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.nickname.changed.v1",
  data: { local: LocalData },
});
`;

const DATA_CLEAN = `export class ProfileData {
  readonly username!: string;
}
`;

const DATA_BROKEN = `export class ProfileData {
  readonly username!: string;
  readonly extra!: Record<string, string>;
}
`;

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  code?: string | { value: string };
  source?: string;
}

function ruleOf(d: Diagnostic): string {
  return typeof d.code === "object" ? d.code.value : String(d.code);
}

describe("ESLint's language server with the plugin", () => {
  let dir: string;
  let client: LspClient;
  let signalsUri: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-lsp-"));
    // The project resolves eslint from ours, and imports the built plugin by path.
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(
      path.join(dir, "eslint.config.js"),
      `import openedxEvents from ${JSON.stringify(pathToFileURL(path.join(root, "dist", "index.js")).href)};
export default [
  openedxEvents.configs.recommended,
  { settings: { "openedx-events": { schemaDir: "schemas", compatibility: "NONE" } } },
  { rules: { "openedx-events/schema-snapshot": "off" } },
];
`,
    );
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "lsp-project", type: "module" }));
    fs.writeFileSync(path.join(dir, "signals.ts"), SIGNALS);
    fs.writeFileSync(path.join(dir, "data.ts"), DATA_CLEAN);
    signalsUri = pathToFileURL(path.join(dir, "signals.ts")).href;

    client = new LspClient(process.execPath, [server, "--stdio"], dir);
    const folder = { uri: pathToFileURL(dir).href, name: "lsp-project" };
    client.onRequest("workspace/configuration", (params) =>
      (params as { items: unknown[] }).items.map(() => ({
        validate: "on",
        packageManager: "npm",
        useESLintClass: false,
        useFlatConfig: true,
        experimental: {},
        codeAction: { disableRuleComment: { enable: true, location: "separateLine", commentStyle: "line" }, showDocumentation: { enable: true } },
        codeActionOnSave: { mode: "all" },
        format: false,
        quiet: false,
        onIgnoredFiles: "off",
        options: {},
        rulesCustomizations: [],
        run: "onType",
        problems: { shortenToSingleLine: false },
        nodePath: null,
        workingDirectory: { mode: "location" },
        workspaceFolder: folder,
      })),
    );
    await client.request("initialize", {
      processId: process.pid,
      rootUri: folder.uri,
      workspaceFolders: [folder],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          diagnostic: { dynamicRegistration: false },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source"] } } },
          publishDiagnostics: {},
        },
      },
    });
    client.notify("initialized", {});
    client.notify("textDocument/didOpen", {
      textDocument: { uri: signalsUri, languageId: "typescript", version: 1, text: SIGNALS },
    });
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function diagnostics(): Promise<Diagnostic[]> {
    const report = await client.request<{ items: Diagnostic[] }>("textDocument/diagnostic", { textDocument: { uri: signalsUri } });
    return report.items.filter((d) => ruleOf(d).startsWith("openedx-events/"));
  }

  it("shows our diagnostics with the right ranges", async () => {
    const items = await diagnostics();
    expect(items.map((d) => [ruleOf(d), d.range.start.line + 1, d.range.start.character + 1])).toEqual([
      ["openedx-events/supported-field-types", 13, 20],
    ]);
    expect(items[0]!.message).toContain("local.nickname");
  });

  it("offers our suggestions as code actions", async () => {
    const [diagnostic] = await diagnostics();
    const actions = await client.request<{ title: string; kind?: string; edit?: unknown; command?: unknown }[]>("textDocument/codeAction", {
      textDocument: { uri: signalsUri },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic] },
    });
    const suggestion = actions.find((a) => a.title.endsWith("(openedx-events/supported-field-types)") && /string \| null/.test(a.title));
    expect(suggestion, JSON.stringify(actions.map((a) => a.title))).toBeDefined();
    expect(actions.some((a) => a.title === "Show documentation for openedx-events/supported-field-types")).toBe(true);
    // Applying it, the server asks the editor to apply our fix.
    const edits: unknown[] = [];
    client.onRequest("workspace/applyEdit", (params) => {
      edits.push(params);
      return { applied: true };
    });
    const command = (suggestion as { command: { command: string; arguments: unknown[] } }).command;
    await client.request("workspace/executeCommand", { command: command.command, arguments: command.arguments });
    // `?: string` (line 13, from the `?`) becomes `: string | null = null`.
    expect(edits).toEqual([
      {
        edit: {
          documentChanges: [
            {
              textDocument: { uri: signalsUri, version: 1 },
              edits: [{ range: { start: { line: 12, character: 19 }, end: { line: 12, character: 28 } }, newText: ": string | null = null" }],
            },
          ],
        },
      },
    ]);
  });

  it("sees an edit of the imported data file without a restart", async () => {
    const file = path.join(dir, "data.ts");
    fs.writeFileSync(file, DATA_BROKEN);
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    const items = await diagnostics();
    const remote = items.find((d) => d.message.includes("profile.extra"));
    expect(remote, JSON.stringify(items, null, 2)).toBeDefined();
    expect([remote!.range.start.line + 1, remote!.range.start.character + 1]).toEqual([9, 20]);
  });
});
