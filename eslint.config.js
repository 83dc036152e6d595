// The repository's own ESLint config: `npx eslint examples` lints the bundled catalog with the
// plugin (built into dist/ by `npm run build`), as the demo does.
import openedxEvents from "./dist/index.js";
import { DEMO_SETTINGS } from "./scripts/demo.js";

export default [
  { ignores: ["dist/**", "node_modules/**", "tests/**", "bench/**", "scripts/**", "lib/**", "rules/**", "bin/**", "*.ts"] },
  {
    ...openedxEvents.configs.recommended,
    files: ["examples/**/*.ts"],
    settings: { "openedx-events": DEMO_SETTINGS },
  },
];
