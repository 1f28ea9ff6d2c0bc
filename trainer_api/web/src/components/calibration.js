// @ts-check
/**
 * Scorer calibration, for trainers only.
 *
 * - A "Your marks" form under each scored learner turn: the trainer's own
 *   rubric levels and penalties, saved with PUT /api/trainer/turns/<id>/mark.
 * - The "Scorer agreement" panel: quadratic weighted kappa per dimension from
 *   GET /api/trainer/calibration.
 *
 * Every piece of server text goes in as text (see lib/dom.js).
 */
import { apiRequest, getJson } from "../lib/api.js";
import { byTestId, el, messageOf } from "../lib/dom.js";
import { formatDateTime, formatNumber, t, tn } from "../lib/i18n.js";
import { dimensions, labelFor, penalties as rubricPenalties } from "../lib/labels.js";
import { withNodes } from "../lib/message-nodes.js";

/** @typedef {import("./turn.js").Turn} Turn */
/** @typedef {import("./turn.js").Score} Score */
/** @typedef {import("../lib/api.js").User} User */

/**
 * A trainer's levels and penalties for one learner turn.
 * @typedef {{dimensions: Record<string, number>, penalties: string[]}} Levels
 */
/** @typedef {Levels & {trainer: string, updated_at: string | null}} Mark */
/** @typedef {{user?: User | null, onSaved?: ((mark: Mark) => void) | null}} MarkOptions */

/** The rubric levels a trainer can give, with their names. */
const levels = () => [
  // Translators: a rubric level: the reply does not show this at all.
  [0, t("0 · none")],
  // Translators: a rubric level: the reply shows this a little.
  [1, t("1 · weak")],
  // Translators: a rubric level: the reply shows this fully.
  [2, t("2 · strong")],
];

/** Rubric dimension codes, in display order (from the server's configuration). */
const dimensionCodes = () => dimensions().map((dimension) => dimension.code);

/** Penalty codes a trainer can mark, in display order. */
const penaltyCodes = () => rubricPenalties().map((penalty) => penalty.code);

/**
 * @param {unknown} value
 * @returns {value is number}
 */
export const isLevel = (value) => Number.isInteger(value) && Number(value) >= 0 && Number(value) <= 2;

// ---- marks under learner turns ------------------------------------------------

/**
 * Add a mark form under every scored learner turn that has an id.
 * @param {Turn[]} turns turns from GET /api/sessions/<id>
 * @param {(turn: Turn) => (HTMLElement | null | undefined)} nodeFor the rendered message of a turn
 * @param {MarkOptions} [options]
 */
export function attachMarkForms(turns, nodeFor, options = {}) {
  for (const turn of turns) {
    if (!isMarkable(turn)) continue;
    const node = nodeFor(turn);
    if (node) node.append(renderMarkForm(turn, options));
  }
}

/**
 * @param {Turn | null | undefined} turn
 * @returns {turn is Turn & {id: number, score: Score}}
 */
function isMarkable(turn) {
  return Boolean(turn && turn.speaker === "learner" && turn.score && Number.isInteger(turn.id));
}

/**
 * The "Your marks" form for one scored learner turn. It starts with the
 * trainer's saved mark, or else with the scorer's levels, so agreeing is one
 * click on Save.
 * @param {Turn & {id: number}} turn a learner turn with id and score
 * @param {MarkOptions} [options]
 * @returns {HTMLFormElement}
 */
export function renderMarkForm(turn, { user = null, onSaved = null } = {}) {
  const turnId = turn.id;
  const uid = `mark-${turnId}`;
  const scorer = scorerMark(turn.score);
  let saved = cleanMark(turn.mark);
  let saving = false;

  const dimensionList = dimensionCodes();
  const penaltyList = penaltyCodes();
  /** @type {Map<string, HTMLSelectElement>} */
  const selects = new Map();
  /** @type {Map<string, HTMLInputElement>} */
  const boxes = new Map();
  /** @type {Map<string, HTMLElement>} */
  const diffSlots = new Map();
  /** @param {string} code */
  const select = (code) => /** @type {HTMLSelectElement} */ (selects.get(code));
  /** @param {string} code */
  const box = (code) => /** @type {HTMLInputElement} */ (boxes.get(code));
  /** @param {string} code */
  const slotOf = (code) => /** @type {HTMLElement} */ (diffSlots.get(code));

  const levelOptions = levels();
  const fields = dimensionList.map((code) => {
    const id = `${uid}-${code}`;
    const slot = el("span", { className: "mark-diff-slot", id: `${id}-diff` });
    const levels = el(
      "select",
      { id, name: code, "data-testid": `mark-${code}`, "aria-describedby": slot.id },
      levelOptions.map(([value, text]) => el("option", { value }, text)),
    );
    selects.set(code, levels);
    diffSlots.set(code, slot);
    return el(
      "div",
      { className: "mark-field" },
      el("div", { className: "mark-field__head" }, el("label", { for: id }, labelFor(code)), slot),
      levels,
    );
  });

  const checks = penaltyList.map((code) => {
    const slot = el("span", { className: "mark-diff-slot", id: `${uid}-${code}-diff` });
    const check = el("input", {
      type: "checkbox",
      name: "penalties",
      value: code,
      "data-testid": `mark-penalty-${code}`,
      "aria-describedby": slot.id,
    });
    boxes.set(code, check);
    diffSlots.set(code, slot);
    return el("label", { className: "mark-check" }, check, el("span", {}, labelFor(code)), slot);
  });

  const button = el("button", { type: "submit", className: "button button--primary", "data-testid": "mark-save" }, t("Save"));
  const status = el("p", { className: "mark-status", role: "status", "data-testid": "mark-status" });
  const meta = el("p", { className: "mark-meta", "data-testid": "mark-meta" });
  const summary = el("p", { className: "mark-summary", "data-testid": "mark-summary" });

  const form = el(
    "form",
    {
      className: "mark-form",
      "data-testid": "mark-form",
      "data-turn-id": turnId,
      "aria-labelledby": `${uid}-title`,
      novalidate: true,
    },
    el("p", { className: "mark-form__title", id: `${uid}-title` }, t("Your marks")),
    meta,
    el("div", { className: "mark-form__levels" }, fields),
    el(
      "fieldset",
      { className: "mark-form__penalties" },
      el("legend", {}, t("Penalties")),
      el("div", { className: "mark-checks" }, checks),
    ),
    el("div", { className: "mark-form__bar" }, button, status),
    summary,
  );

  /** @returns {Levels} */
  function current() {
    return {
      dimensions: Object.fromEntries(dimensionList.map((code) => [code, Number(select(code).value)])),
      penalties: penaltyList.filter((code) => box(code).checked),
    };
  }

  /** @param {Levels} mark */
  function fill(mark) {
    for (const code of dimensionList) select(code).value = String(mark.dimensions[code] ?? 0);
    for (const code of penaltyList) box(code).checked = mark.penalties.includes(code);
  }

  /**
   * @param {string} text
   * @param {string} state
   */
  function setStatus(text, state) {
    status.textContent = text;
    status.dataset.state = state;
  }

  /** Status from the form's values: saved, unsaved, or nothing to say yet. */
  function showEditState() {
    if (saved && sameMark(current(), saved)) setStatus(t("Saved"), "saved");
    else if (saved || !sameMark(current(), scorer)) setStatus(t("Unsaved changes"), "dirty");
    else setStatus("", "idle");
  }

  function showSaved() {
    for (const slot of diffSlots.values()) slot.replaceChildren();
    form.dataset.marked = saved ? "true" : "false";
    if (!saved) {
      meta.textContent = t("Pre-filled with the scorer's levels. Change what you disagree with, then Save.");
      summary.textContent = "";
      return;
    }
    meta.textContent = markedBy(saved, user);
    const differs = [];
    for (const code of dimensionList) {
      const level = scorer.dimensions[code];
      if (!isLevel(level) || level === saved.dimensions[code]) continue;
      differs.push(code);
      slotOf(code).append(diffTag(code, t("The scorer gave {level}", { level })));
    }
    for (const code of penaltyList) {
      const scorerHas = scorer.penalties.includes(code);
      if (scorerHas === saved.penalties.includes(code)) continue;
      differs.push(code);
      slotOf(code).append(diffTag(code, scorerHas ? t("The scorer found this penalty") : t("The scorer did not find this penalty")));
    }
    summary.textContent = differs.length
      ? t("Differs from the scorer on: {list}", { list: differs.map(labelFor).join(", ") })
      : t("Same as the scorer");
    summary.dataset.differs = String(differs.length);
  }

  /** @param {Event} event */
  async function save(event) {
    event.preventDefault();
    if (saving) return;
    saving = true;
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    setStatus(t("Saving…"), "saving");
    const body = current();
    try {
      const answer = await apiRequest(`/api/trainer/turns/${encodeURIComponent(turnId)}/mark`, { method: "PUT", body });
      saved = cleanMark(answer && answer.mark) ?? { ...body, trainer: user ? user.username : "", updated_at: null };
      fill(saved);
      showSaved();
      setStatus(t("Saved"), "saved");
      if (onSaved) onSaved(saved);
    } catch (error) {
      setStatus(messageOf(error), "error");
    } finally {
      saving = false;
      button.disabled = false;
      form.setAttribute("aria-busy", "false");
    }
  }

  form.addEventListener("submit", save);
  form.addEventListener("change", () => {
    if (!saving) showEditState();
  });

  fill(saved ?? scorer);
  showSaved();
  showEditState();
  return form;
}

/**
 * Who marked a turn, and when.
 * @param {Mark} mark
 * @param {User | null} user the reader
 */
function markedBy(mark, user) {
  const when = mark.updated_at ? formatDateTime(mark.updated_at) : "";
  if (user && mark.trainer === user.username) return when ? t("Marked by you, {when}", { when }) : t("Marked by you");
  const trainer = mark.trainer || t("a trainer");
  return when ? t("Marked by {trainer}, {when}", { trainer, when }) : t("Marked by {trainer}", { trainer });
}

/**
 * @param {string} code
 * @param {string} title
 */
function diffTag(code, title) {
  // Translators: a short tag beside a level the trainer set differently from the scorer.
  return el("span", { className: "mark-diff", "data-testid": "mark-diff", "data-dimension": code, title }, t("≠ scorer"));
}

/**
 * The scorer's levels and penalties in mark shape (missing levels become 0).
 * @param {Score | null | undefined} score
 * @returns {Levels}
 */
export function scorerMark(score) {
  /** @type {Record<string, unknown>} */
  const levels = score && score.dimensions && typeof score.dimensions === "object" ? score.dimensions : {};
  /** @type {unknown[]} */
  const penalties = score && Array.isArray(score.penalties) ? score.penalties : [];
  return {
    dimensions: Object.fromEntries(dimensionCodes().map((code) => [code, isLevel(levels[code]) ? levels[code] : 0])),
    penalties: penaltyCodes().filter((code) => penalties.includes(code)),
  };
}

/**
 * A mark from the server with every level valid, or null.
 * @param {any} mark
 * @returns {Mark | null}
 */
export function cleanMark(mark) {
  if (!mark || typeof mark !== "object" || !mark.dimensions || typeof mark.dimensions !== "object") return null;
  const codes = dimensionCodes();
  if (!codes.every((code) => isLevel(mark.dimensions[code]))) return null;
  /** @type {unknown[]} */
  const penalties = Array.isArray(mark.penalties) ? mark.penalties : [];
  return {
    dimensions: Object.fromEntries(codes.map((code) => [code, mark.dimensions[code]])),
    penalties: penaltyCodes().filter((code) => penalties.includes(code)),
    trainer: typeof mark.trainer === "string" ? mark.trainer : "",
    updated_at: typeof mark.updated_at === "string" ? mark.updated_at : null,
  };
}

/**
 * @param {Levels} a
 * @param {Levels} b
 */
export function sameMark(a, b) {
  return (
    dimensionCodes().every((code) => a.dimensions[code] === b.dimensions[code]) &&
    penaltyCodes().every((code) => a.penalties.includes(code) === b.penalties.includes(code))
  );
}

// ---- scorer agreement panel ---------------------------------------------------

/**
 * Kappa with two decimals, or an em dash when there is none yet.
 * @param {unknown} value
 */
export function formatKappa(value) {
  return typeof value === "number" && Number.isFinite(value)
    ? formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : "—";
}

/**
 * Share of agreeing turns (0 to 1) as a percentage, or an em dash.
 * @param {unknown} value
 */
export function formatAgreement(value) {
  return typeof value === "number" && Number.isFinite(value) ? formatNumber(value, { style: "percent", maximumFractionDigits: 0 }) : "—";
}

/** @param {unknown} value */
const count = (value) => (typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : 0);

/** @typedef {{kappa?: unknown, n?: unknown}} DimensionAgreement */
/** @typedef {{agreement?: unknown, n?: unknown}} PenaltyAgreement */
/** @typedef {{marks?: unknown, dimensions?: Record<string, DimensionAgreement>, penalties?: Record<string, PenaltyAgreement>}} Calibration */

/** The "Scorer agreement" panel; the section and its explanation are in results.html. */
export class CalibrationPanel {
  /** @param {HTMLElement} section the element with data-testid="calibration" */
  constructor(section) {
    this.section = section;
    this.status = byTestId("calibration-status", section);
    this.body = byTestId("calibration-body", section);
    this.ticket = 0;
    this.loaded = false;
  }

  /** Load the agreement figures again; a slower earlier answer never overwrites a later one. */
  async refresh() {
    const ticket = ++this.ticket;
    this.section.hidden = false;
    this.section.setAttribute("aria-busy", "true");
    if (!this.loaded) this.status.textContent = t("Loading the scorer agreement…");
    try {
      const data = await getJson("/api/trainer/calibration");
      if (ticket !== this.ticket) return;
      this.show(data ?? {});
      this.loaded = true;
      this.status.textContent = "";
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.status.textContent = t("Could not load the scorer agreement: {error}", { error: messageOf(error) });
    } finally {
      if (ticket === this.ticket) this.section.setAttribute("aria-busy", "false");
    }
  }

  /** @param {Calibration} data */
  show(data) {
    const marks = count(data.marks);
    const dimensions = data.dimensions && typeof data.dimensions === "object" ? data.dimensions : {};
    const penalties = data.penalties && typeof data.penalties === "object" ? data.penalties : {};
    this.section.dataset.marks = String(marks);
    const parts = [
      el(
        "p",
        { className: "calibration__total", "data-testid": "calibration-marks", "data-marks": marks },
        // The count stays a placeholder here, to be shown in bold.
        withNodes(tn("{count} turn marked by trainers", "{count} turns marked by trainers", marks, { count: "{count}" }), {
          count: el("strong", {}, formatNumber(marks)),
        }),
      ),
      marks
        ? null
        : el("p", { className: "muted" }, t("No marks yet. Open a learner's session and mark their replies under each score.")),
      el(
        "div",
        { className: "calibration__tables" },
        dimensionTable(dimensions),
        Object.keys(penalties).length ? penaltyTable(penalties) : null,
      ),
    ];
    this.body.replaceChildren(...parts.filter((part) => part !== null));
  }
}

/**
 * @param {string[]} known
 * @param {Record<string, unknown>} received
 */
function codesOf(known, received) {
  return [...known, ...Object.keys(received).filter((code) => !known.includes(code))];
}

/** @param {Record<string, DimensionAgreement>} dimensions */
function dimensionTable(dimensions) {
  const rows = codesOf(dimensionCodes(), dimensions).map((code) => {
    const item = dimensions[code] ?? {};
    const kappa = typeof item.kappa === "number" && Number.isFinite(item.kappa) ? item.kappa : null;
    return el(
      "tr",
      { "data-testid": "calibration-dimension", "data-dimension": code },
      el("th", { scope: "row" }, labelFor(code)),
      el(
        "td",
        { className: "num" },
        el(
          "span",
          {
            className: "calibration__kappa",
            "data-testid": "calibration-kappa",
            "data-kappa": kappa ?? "",
            title: kappa === null ? t("Not enough marks to compute yet") : null,
          },
          formatKappa(kappa),
        ),
        kappaBar(kappa),
      ),
      el("td", { className: "num", "data-testid": "calibration-n" }, formatNumber(count(item.n))),
    );
  });
  return el(
    "table",
    { className: "calibration__table", "data-testid": "calibration-dimensions" },
    el("caption", {}, t("Rubric dimensions")),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, t("Dimension")),
        // Translators: Cohen's kappa, the agreement statistic.
        el("th", { scope: "col", className: "num" }, t("Kappa")),
        el("th", { scope: "col", className: "num" }, t("Marked turns")),
      ),
    ),
    el("tbody", {}, rows),
  );
}

/**
 * A small bar from 0 to 1 (negative kappa shows as empty); decoration only.
 * @param {number | null} kappa
 */
function kappaBar(kappa) {
  const width = kappa === null ? 0 : Math.max(0, Math.min(1, kappa)) * 100;
  const fill = el("span", { className: "calibration__fill" });
  fill.style.width = `${width.toFixed(0)}%`;
  return el("span", { className: "calibration__bar", "aria-hidden": "true" }, fill);
}

/** @param {Record<string, PenaltyAgreement>} penalties */
function penaltyTable(penalties) {
  const rows = codesOf(penaltyCodes(), penalties).map((code) => {
    const item = penalties[code] ?? {};
    return el(
      "tr",
      { "data-testid": "calibration-penalty", "data-penalty": code },
      el("th", { scope: "row" }, labelFor(code)),
      el("td", { className: "num", "data-testid": "calibration-agreement" }, formatAgreement(item.agreement)),
      el("td", { className: "num", "data-testid": "calibration-penalty-n" }, formatNumber(count(item.n))),
    );
  });
  return el(
    "table",
    { className: "calibration__table", "data-testid": "calibration-penalties" },
    el("caption", {}, t("Penalties"), " ", el("span", { className: "calibration__note" }, t("(share of marked turns where both agree)"))),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, t("Penalty")),
        el("th", { scope: "col", className: "num" }, t("Agreement")),
        el("th", { scope: "col", className: "num" }, t("Marked turns")),
      ),
    ),
    el("tbody", {}, rows),
  );
}
