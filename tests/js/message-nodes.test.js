// @ts-check
import { describe, expect, it } from "vitest";

import { withNodes } from "../../trainer_api/web/src/lib/message-nodes.js";

describe("withNodes", () => {
  it("puts elements at their placeholders, wherever the translation has them", () => {
    const code = document.createElement("code");
    code.textContent = "01234567";
    const paragraph = document.createElement("p");
    paragraph.append(...withNodes("Version publiée {version} (en ligne)", { version: code }));
    expect(paragraph.innerHTML).toBe("Version publiée <code>01234567</code> (en ligne)");
    expect(withNodes("{version} published", { version: code })).toEqual([code, " published"]);
  });

  it("leaves other placeholders and plain text alone", () => {
    const strong = document.createElement("strong");
    expect(withNodes("{title} for {learner}", { title: strong })).toEqual([strong, " for {learner}"]);
    expect(withNodes("no placeholders", {})).toEqual(["no placeholders"]);
    expect(withNodes("", {})).toEqual([]);
  });
});
