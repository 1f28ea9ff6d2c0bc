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
    rules: {
      // Text a person reads goes through t()/tn() (lib/i18n.js), so that it
      // reaches the catalogues; these catch English written straight into the DOM.
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name='el'] > Literal.arguments[value=/[A-Za-z]{2,}.*[A-Za-z]/]:not(:first-child)",
          message: "Text shown to people goes through t() (lib/i18n.js).",
        },
        {
          selector: "CallExpression[callee.name='el'] > TemplateLiteral.arguments:not(:first-child) > TemplateElement[value.raw=/[A-Za-z]{3,}/]",
          message: "Text shown to people goes through t() with {placeholders}, not a template literal.",
        },
        {
          selector: "AssignmentExpression[left.property.name=/^(textContent|innerText|title|placeholder|ariaLabel)$/] > Literal.right[value=/[A-Za-z]{2,}/]",
          message: "Text shown to people goes through t() (lib/i18n.js).",
        },
        {
          selector: "Property[key.name=/^(text|title|placeholder)$/] > Literal.value[value=/[A-Za-z]{2,}/]",
          message: "Text shown to people goes through t() (lib/i18n.js).",
        },
        {
          selector: "Property[key.value=/^aria-label$/] > Literal.value[value=/[A-Za-z]{2,}/]",
          message: "Text shown to people goes through t() (lib/i18n.js).",
        },
      ],
    },
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
