// @ts-check
/** ESLint for the pages' JavaScript, its tests and the build script (`npm run lint`). */
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["trainer_api/web/static/dist/"] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      eqeqeq: ["error", "always"],
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-console": "error",
      "prefer-const": "error",
      "no-var": "error",
    },
  },
  {
    files: ["trainer_api/web/src/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ["tests/js/**/*.js"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ["*.js", "trainer_api/web/build.mjs"],
    languageOptions: { globals: globals.node },
    rules: { "no-console": "off" },
  },
];
