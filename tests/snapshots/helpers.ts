import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

export const EVENT = "org.openedx.learning.course.enrollment.created.v1";
export const FILE = "org+openedx+learning+course+enrollment+created+v1_schema.avsc";

const created: string[] = [];

/** A fresh real temporary directory, removed after the test. */
export function tempDir(prefix = "snapshots-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) {
    // Restore permissions changed by tests so removal cannot fail.
    try {
      fs.chmodSync(dir, 0o755);
    } catch {
      // ignore
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** An openedx-format snapshot, as the Python library writes it (two-space indentation). */
export function schemaText(eventType = EVENT, extraFields: unknown[] = []): string {
  return JSON.stringify(
    {
      name: "CloudEvent",
      type: "record",
      doc: "Avro Event Format for CloudEvents created with openedx_events/schema",
      fields: [
        {
          name: "enrollment",
          type: {
            name: "CourseEnrollmentData",
            type: "record",
            fields: [
              { name: "mode", type: "string" },
              { name: "is_active", type: "boolean" },
              ...extraFields,
            ],
          },
        },
      ],
      namespace: eventType,
    },
    null,
    2,
  );
}

export function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Sets a file's mtime to a distinct value so a cache keyed on mtime must notice. */
export function touch(file: string, secondsAhead = 10): void {
  const t = new Date(Date.now() + secondsAhead * 1000);
  fs.utimesSync(file, t, t);
}

export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
