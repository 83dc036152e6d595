import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/fixtures/**", "node_modules/**", "dist/**"],
    setupFiles: ["tests/setup.ts"],
    testTimeout: 60_000,
  },
});
