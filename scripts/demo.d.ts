import type { ESLint, Linter } from "eslint";

export declare const ROOT: string;
export declare const DEMO_SETTINGS: {
  schemaDir: string;
  sourceDirs: string[];
  knownUnserializableSignals: string[];
};
export declare function demoConfig(plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } }): Linter.Config[];
