// @ts-check
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  conversationDetail,
  conversationDimensions,
  auditActionLabel,
  difficultyLabel,
  dimensions,
  endMessage,
  formatAverage,
  formatConversation,
  formatDateTime,
  formatTime,
  humanise,
  isEnded,
  labelFor,
  moodBandLabel,
  penalties,
  roleLabel,
  scoreBandLabel,
  slug,
  statusLabel,
} from "../../trainer_api/web/src/lib/labels.js";
import { useConfig } from "../../trainer_api/web/src/lib/config.js";
import { setCatalogue } from "../../trainer_api/web/src/lib/i18n.js";
import { serverConfig, withServerConfig } from "./helpers.js";

beforeEach(() => {
  withServerConfig();
});

describe("labels from the server's configuration", () => {
  it("lists the rubric in the server's order", () => {
    expect(dimensions().map((d) => d.code)).toEqual([
      "emotional_reaction",
      "interpretation",
      "exploration",
      "ownership",
      "resolution",
    ]);
    expect(penalties().map((p) => p.code)).toEqual(["blame", "dismissal", "policy_wall", "hostility"]);
  });

  it("labels dimensions, penalties, bands and statuses", () => {
    expect(labelFor("emotional_reaction")).toBe("Emotional reaction");
    expect(labelFor("policy_wall")).toBe("Policy wall");
    expect(scoreBandLabel("developing")).toBe("Developing");
    expect(statusLabel("active")).toBe("In progress");
    expect(statusLabel("abandoned")).toBe("Customer left");
  });

  it("follows a label the server changes", () => {
    const config = serverConfig();
    config.rubric.dimensions[0].label = "Warmth";
    config.statuses[1].ending = "All sorted";
    useConfig(config);
    expect(labelFor("emotional_reaction")).toBe("Warmth");
    expect(endMessage("resolved")).toBe("All sorted");
  });

  it("humanises codes it does not know", () => {
    expect(labelFor("new_dimension")).toBe("New dimension");
    expect(scoreBandLabel("off-the-scale")).toBe("Off the scale");
    expect(statusLabel(undefined)).toBe("Unknown");
  });

  it("says how a conversation ended", () => {
    expect(isEnded("active")).toBe(false);
    expect(isEnded("")).toBe(false);
    expect(isEnded(null)).toBe(false);
    expect(isEnded("resolved")).toBe(true);
    expect(isEnded("escalated")).toBe(true);
    expect(isEnded("something_new")).toBe(true);
    expect(endMessage("escalated")).toBe("Escalated: the customer asked for a manager");
    expect(endMessage("abandoned")).toBe("Customer left: they gave up on the call");
    expect(endMessage("something_new")).toBe("The conversation has ended");
  });
});

describe("formatting", () => {
  it("humanises codes", () => {
    expect(humanise("policy_wall")).toBe("Policy wall");
    expect(humanise("  __ ")).toBe("Unknown");
    expect(humanise(null)).toBe("Unknown");
  });

  it("labels difficulty and mood bands", () => {
    expect(difficultyLabel("hard")).toBe("Hard");
    expect(difficultyLabel("easy")).toBe("Easy");
    expect(difficultyLabel(3)).toBe("Level 3");
    expect(moodBandLabel("furious")).toBe("Furious");
    expect(moodBandLabel("")).toBe("Unknown");
  });

  it("makes class-name-safe slugs", () => {
    expect(slug("policy wall!")).toBe("policy-wall-");
    expect(slug("Good")).toBe("good");
    expect(slug(undefined)).toBe("");
  });

  it("formats averages as whole numbers or a dash", () => {
    expect(formatAverage(72.5)).toBe("73");
    expect(formatAverage(0)).toBe("0");
    expect(formatAverage(null)).toBe("—");
    expect(formatAverage(Number.NaN)).toBe("—");
    expect(formatAverage("80")).toBe("—");
  });

  it("formats dates, and shows what it cannot parse as it is", () => {
    const iso = "2025-03-03T12:03:00Z";
    expect(formatDateTime(iso)).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
    );
    expect(formatTime(iso)).toBe(new Intl.DateTimeFormat(undefined, { timeStyle: "short" }).format(new Date(iso)));
    expect(formatDateTime("yesterday")).toBe("yesterday");
    expect(formatDateTime(null)).toBe("—");
    expect(formatTime("yesterday")).toBe("");
  });
});

describe("conversation score", () => {
  beforeEach(() => {
    withServerConfig();
  });

  const conversation = {
    score: 78,
    band: "good",
    final: true,
    parts: { replies: 70, needs: 75, outcome: 100, penalised_replies: 1 },
    dimensions: { emotional_reaction: 75, resolution: 100 },
  };

  it("shows the figure, marked as provisional while the call goes on", () => {
    expect(formatConversation(conversation)).toBe("78");
    expect(formatConversation({ ...conversation, final: false })).toBe("78 so far");
    expect(formatConversation(null)).toBe("—");
  });

  it("explains its parts and its dimensions in words", () => {
    expect(conversationDetail(conversation)).toBe("78 (Good): replies 70, needs met 75, outcome 100, 1 penalised reply");
    expect(conversationDetail({ ...conversation, final: false, parts: { ...conversation.parts, outcome: null, penalised_replies: 0 } })).toBe(
      "78 so far (Good): replies 70, needs met 75, outcome pending",
    );
    expect(conversationDimensions(conversation)).toBe("Emotional reaction 75 · Resolution 100");
  });
});

describe("in the page's language", () => {
  afterEach(() => setCatalogue(null));

  it("translates the labels the page writes itself, not the server's", () => {
    setCatalogue(
      {
        Hard: "Difficile",
        "Level {level}": "Niveau {level}",
        "{score} so far": "{score} pour l’instant",
        "{count} penalised reply": ["{count} réponse pénalisée", "{count} réponses pénalisées"],
      },
      "fr-CA",
    );
    expect(difficultyLabel("hard")).toBe("Difficile");
    expect(difficultyLabel(2)).toBe("Niveau 2");
    expect(difficultyLabel("brutal")).toBe("Brutal");
    expect(moodBandLabel("inquiète")).toBe("Inquiète");
    const conversation = {
      score: 64,
      band: "good",
      final: false,
      parts: { replies: 70, needs: 50, outcome: null, penalised_replies: 2 },
      dimensions: {},
    };
    expect(formatConversation(conversation)).toBe("64 pour l’instant");
    expect(conversationDetail(conversation)).toContain("2 réponses pénalisées");
    expect(labelFor("policy_wall")).toBe("Policy wall");
  });

  it("names roles and audit entries in the page's language, codes it does not know humanised", () => {
    setCatalogue({ Trainer: "Formateur", HR: "RH", "Decision recorded": "Décision enregistrée" }, "fr-FR");
    expect(roleLabel("trainer")).toBe("Formateur");
    expect(roleLabel("hr")).toBe("RH");
    expect(roleLabel("admin")).toBe("Administrator");
    expect(roleLabel("auditor")).toBe("Auditor");
    expect(auditActionLabel("decide")).toBe("Décision enregistrée");
    expect(auditActionLabel("export")).toBe("Results exported");
    expect(auditActionLabel("toString")).toBe("ToString");
  });
});
