// @ts-check
/** Unit tests of the pages' JavaScript (`npm test`), in a simulated DOM. */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/js/**/*.test.js"],
    environment: "happy-dom",
    restoreMocks: true,
  },
});
