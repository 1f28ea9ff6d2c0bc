// @ts-check
import { describe, expect, it } from "vitest";

import { formProblem } from "../../trainer_api/web/src/lib/password-form.js";

describe("formProblem", () => {
  const ok = { current: "one-time-pass", fresh: "a brand new phrase", repeat: "a brand new phrase" };

  it("accepts a long enough, repeated, different password", () => {
    expect(formProblem(ok, 12)).toBeNull();
  });

  it("names the field to fix first", () => {
    expect(formProblem({ ...ok, current: "" }, 12)?.[0]).toBe("current");
    expect(formProblem({ ...ok, fresh: "short", repeat: "short" }, 12)).toEqual([
      "fresh",
      "The new password needs at least 12 characters (it has 5).",
    ]);
    expect(formProblem({ ...ok, fresh: ok.current, repeat: ok.current }, 12)?.[0]).toBe("fresh");
    expect(formProblem({ ...ok, repeat: "a brand new phrasE" }, 12)?.[0]).toBe("repeat");
  });
});
