// @ts-check
import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiError, apiRequest, errorFrom, getText, homeFor, networkMessage, postJson } from "../../trainer_api/web/src/lib/api.js";
import { scenarioTemplate } from "../../trainer_api/web/src/lib/author-api.js";
import { response } from "./helpers.js";

/** @param {(...args: any[]) => Promise<Response>} impl */
function stubFetch(impl) {
  const fetch = vi.fn(impl);
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("errorFrom", () => {
  it("keeps the server's code, message and itemised errors", () => {
    const errors = [{ line: 2, field: "foo", problem: "unknown key" }];
    const error = errorFrom(422, { error: { code: "invalid_scenario", message: "The scenario is invalid.", errors } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: "invalid_scenario", message: "The scenario is invalid.", errors });
  });

  it("falls back on FastAPI's detail, then on a generic message", () => {
    expect(errorFrom(404, { detail: "Not Found" })).toMatchObject({ code: "http_404", message: "Not Found", errors: [] });
    const generic = errorFrom(502, null);
    expect(generic.code).toBe("http_502");
    expect(generic.message).toBe("The server answered with an error (HTTP 502). Try again in a moment.");
  });

  it("ignores malformed error bodies", () => {
    expect(errorFrom(500, { error: null }).code).toBe("http_500");
    expect(errorFrom(400, { error: { code: "bad", errors: "not a list" } })).toMatchObject({ code: "bad", errors: [] });
  });
});

describe("apiRequest", () => {
  it("sends JSON with the cookie and returns the parsed answer", async () => {
    const fetch = stubFetch(async () => response(200, { ok: true }));
    await expect(postJson("/api/thing", { a: 1 })).resolves.toEqual({ ok: true });
    const [path, init] = fetch.mock.calls[0];
    expect(path).toBe("/api/thing");
    expect(init).toMatchObject({ method: "POST", credentials: "same-origin", body: '{"a":1}' });
    expect(init.headers).toEqual({ Accept: "application/json", "Content-Type": "application/json" });
  });

  it("returns null for an empty or non-JSON success", async () => {
    stubFetch(async () => response(204));
    await expect(apiRequest("/api/x", { method: "DELETE" })).resolves.toBeNull();
    stubFetch(async () => response(200, "not json"));
    await expect(apiRequest("/api/x")).resolves.toBeNull();
  });

  it("raises the server's error as ApiError", async () => {
    stubFetch(async () => response(401, { error: { code: "not_signed_in", message: "Please sign in." } }));
    await expect(apiRequest("/api/me")).rejects.toMatchObject({ name: "ApiError", status: 401, code: "not_signed_in", message: "Please sign in." });
  });

  it("raises a network error with status 0", async () => {
    stubFetch(async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(apiRequest("/api/me")).rejects.toMatchObject({ status: 0, code: "network_error", message: networkMessage() });
  });
});

describe("getText", () => {
  it("returns the body as text", async () => {
    const fetch = stubFetch(async () => response(200, "id: late_parcel\n"));
    await expect(getText("/api/x", "application/yaml")).resolves.toBe("id: late_parcel\n");
    expect(fetch.mock.calls[0][1].headers).toEqual({ Accept: "application/yaml" });
  });

  it("raises JSON errors like apiRequest", async () => {
    stubFetch(async () => response(400, { error: { code: "bad_scenario_id", message: "'X' is not a scenario id" } }));
    await expect(getText("/api/x")).rejects.toMatchObject({ status: 400, code: "bad_scenario_id" });
  });

  it("asks the server for a new scenario's template by id", async () => {
    const fetch = stubFetch(async () => response(200, "id: late_parcel\n"));
    await expect(scenarioTemplate("late_parcel")).resolves.toBe("id: late_parcel\n");
    expect(fetch.mock.calls[0][0]).toBe("/api/trainer/scenario-template?scenario_id=late_parcel");
  });
});

describe("homeFor", () => {
  it("sends learners home, trainers to their class, HR to their rounds and admins to people", () => {
    expect(homeFor({ username: "a", role: "learner" })).toBe("/home");
    expect(homeFor({ username: "b", role: "trainer" })).toBe("/class");
    expect(homeFor({ username: "c", role: "hr" })).toBe("/rounds");
    expect(homeFor({ username: "d", role: "admin" })).toBe("/admin");
    expect(homeFor({ username: "e", role: "learner", must_change_password: true })).toBe("/password");
    expect(homeFor(null)).toBe("/login");
  });
});
