// @ts-check
import { describe, expect, it } from "vitest";

import { linksFor, mountHeader } from "../../trainer_api/web/src/components/header.js";

describe("linksFor", () => {
  it("shows each role its own pages", () => {
    const pages = (/** @type {string} */ role) => linksFor({ username: "x", role }).map((link) => link.page);
    expect(pages("learner")).toEqual(["home", "chat", "results"]);
    expect(pages("hr")).toEqual(["rounds", "class", "chat", "results"]);
    expect(pages("trainer")).toEqual(["class", "chat", "results", "author", "calibration"]);
    expect(pages("admin")).toEqual(["admin"]);
  });
});

describe("mountHeader", () => {
  it("shows the brand at once, then the user, their links and Log out", () => {
    document.body.innerHTML = '<header class="topbar" id="topbar"></header>';
    const header = /** @type {HTMLElement} */ (document.getElementById("topbar"));
    const layout = mountHeader(header, "author");
    expect(header.querySelector(".topbar__brand")?.getAttribute("href")).toBe("/");
    expect(header.querySelector("nav")).toBeNull();

    layout.showUser({ username: "trainer", display_name: "Taylor <Trainer>", role: "trainer" });
    expect(header.querySelector('[data-testid="user-name"]')?.textContent).toBe("Taylor <Trainer>");
    const links = [...header.querySelectorAll("nav a")];
    expect(links.map((link) => [link.getAttribute("data-testid"), link.getAttribute("href")])).toEqual([
      ["class-link", "/class"],
      ["chat-link", "/chat"],
      ["results-link", "/results"],
      ["author-link", "/author"],
      ["calibration-link", "/calibration"],
    ]);
    expect(header.querySelectorAll('[aria-current="page"]')).toHaveLength(1);
    expect(header.querySelector('[aria-current="page"]')?.textContent).toBe("Author");
    expect(header.querySelector('[data-testid="logout"]')?.textContent).toBe("Log out");
  });

  it("falls back on the username", () => {
    document.body.innerHTML = '<header id="topbar"></header>';
    const header = /** @type {HTMLElement} */ (document.getElementById("topbar"));
    mountHeader(header, "chat").showUser({ username: "learner", display_name: "", role: "learner" });
    expect(header.querySelector('[data-testid="user-name"]')?.textContent).toBe("learner");
    expect(header.querySelector('[data-testid="author-link"]')).toBeNull();
    expect(header.querySelector('[aria-current="page"]')?.getAttribute("data-testid")).toBe("chat-link");
  });
});
