// @ts-check
import { beforeEach, describe, expect, it, vi } from "vitest";

import { getConfig, loadConfig, parseConfig, resetConfig, scenarioIdPattern } from "../../trainer_api/web/src/lib/config.js";
import { serverConfig } from "./helpers.js";

beforeEach(() => resetConfig());

describe("parseConfig", () => {
  it("keeps the server's answer as it is", () => {
    expect(parseConfig(serverConfig())).toEqual(serverConfig());
  });

  it.each([
    ["max_reply_chars", (/** @type {any} */ c) => delete c.max_reply_chars],
    ["ack_timeout_seconds", (/** @type {any} */ c) => (c.ack_timeout_seconds = "45")],
    ["nudge_after_seconds", (/** @type {any} */ c) => (c.nudge_after_seconds = 0)],
    ["scenario_id_pattern", (/** @type {any} */ c) => (c.scenario_id_pattern = "[a-z")],
    ["rubric", (/** @type {any} */ c) => delete c.rubric],
    ["rubric.dimensions[1].label", (/** @type {any} */ c) => (c.rubric.dimensions[1].label = "")],
    ["rubric.bands[0].below", (/** @type {any} */ c) => delete c.rubric.bands[0].below],
    ["statuses[2].ending", (/** @type {any} */ c) => (c.statuses[2].ending = null)],
    ["statuses", (/** @type {any} */ c) => (c.statuses = {})],
    ["locale", (/** @type {any} */ c) => delete c.locale],
    ["locales", (/** @type {any} */ c) => (c.locales = "en")],
    ["locales[1].label", (/** @type {any} */ c) => (c.locales[1].label = "")],
  ])("names %s when it is missing or invalid", (where, spoil) => {
    const config = serverConfig();
    spoil(config);
    expect(() => parseConfig(config)).toThrow(`${where} is missing or invalid`);
  });

  it("refuses what is not an object", () => {
    expect(() => parseConfig(null)).toThrow("the configuration is missing or invalid");
    expect(() => parseConfig([])).toThrow("the configuration is missing or invalid");
  });
});

describe("loadConfig", () => {
  it("asks the server once and shares the answer", async () => {
    const fetchJson = vi.fn(async () => serverConfig());
    const [first, second] = await Promise.all([loadConfig(fetchJson), loadConfig(fetchJson)]);
    expect(await loadConfig(fetchJson)).toBe(first);
    expect(second).toBe(first);
    expect(fetchJson).toHaveBeenCalledTimes(1);
    expect(fetchJson).toHaveBeenCalledWith("/api/config");
    expect(getConfig().max_reply_chars).toBe(1000);
  });

  it("tries again after a failed load", async () => {
    const fetchJson = vi.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValueOnce(serverConfig());
    await expect(loadConfig(fetchJson)).rejects.toThrow("offline");
    await expect(loadConfig(fetchJson)).resolves.toMatchObject({ ack_timeout_seconds: 45 });
    expect(fetchJson).toHaveBeenCalledTimes(2);
  });

  it("refuses a configuration it does not understand", async () => {
    await expect(loadConfig(async () => ({}))).rejects.toThrow("missing or invalid");
    expect(() => getConfig()).toThrow("not been loaded");
  });
});

describe("scenarioIdPattern", () => {
  it("matches whole ids by the server's rule", () => {
    const pattern = scenarioIdPattern(parseConfig(serverConfig()));
    expect(pattern.test("late_parcel")).toBe(true);
    expect(pattern.test("a1")).toBe(true);
    for (const bad of ["a", "Late", "1abc", "late-parcel", "late parcel", "x".repeat(65), "ok\n"]) {
      expect(pattern.test(bad)).toBe(false);
    }
  });
});
