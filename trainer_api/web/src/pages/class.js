// @ts-check
/**
 * A trainer's class page: for one cohort, a heat map of learners x rubric
 * dimensions for the chosen practice (scenario, dates), each learner's
 * weakest dimension, trend and assignments, the spread of scores, a CSV
 * export of what is shown, the cohort's assignments (and a form to set one),
 * live links to sessions in progress, and a roster import that creates a
 * cohort from a CSV file. HR users granted a cohort see it read-only.
 */
import { barChart, heatMap } from "../components/chart-figure.js";
import { mountHeader } from "../components/header.js";
import { OneTimePasswords } from "../components/one-time-passwords.js";
import { RosterImport } from "../components/roster-import.js";
import { apiRequest, getJson, postJson, requireUser } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { byId, byTestId, el, messageOf, queryParam, setQueryParam } from "../lib/dom.js";
import { formatDateTime, formatNumber, t, tn } from "../lib/i18n.js";
import { dimensions, labelFor } from "../lib/labels.js";
import { withNodes } from "../lib/message-nodes.js";

/**
 * @typedef {{id: number, name: string, members: {username: string, display_name: string, role: string}[]}} Cohort
 * @typedef {{username: string, display_name: string, sessions: number, replies: number, average_score: number | null,
 *   dimensions: Record<string, number | null>, weakest: {dimension: string} | null, trend: {direction: string | null},
 *   last_practised: string | null, active_session: string | null, assignments_done: number,
 *   assignments_passed: number, assignments_set: number}} Row
 */

const header = mountHeader(byId("topbar"), "class");
const ui = {
  error: byTestId("class-error"),
  status: byTestId("class-status"),
  body: byTestId("class-body"),
  filters: byTestId("filters", document, HTMLFormElement),
  cohort: byTestId("cohort-select", document, HTMLSelectElement),
  scenario: byTestId("scenario-filter", document, HTMLSelectElement),
  since: byTestId("since", document, HTMLInputElement),
  until: byTestId("until", document, HTMLInputElement),
  exportCsv: byTestId("export-csv", document, HTMLAnchorElement),
  heat: byTestId("heat-map"),
  learners: byTestId("learners-table", document, HTMLTableElement).tBodies[0],
  spread: byTestId("distribution"),
  work: byTestId("assignment-list"),
  assignForm: byTestId("assign-form", document, HTMLFormElement),
  assignScenario: byTestId("assign-scenario", document, HTMLSelectElement),
  assignLearners: byTestId("assign-learners"),
  assignError: byTestId("assign-error"),
  importSection: byTestId("roster-import"),
  records: byTestId("records-panel"),
  recordsStatus: byTestId("records-status"),
  recordsDownload: byTestId("records-download", document, HTMLAnchorElement),
};
const oneTime = new OneTimePasswords(byTestId("one-time"));
/** @type {Cohort[]} */
let cohorts = [];
let isTrainer = false;

function query() {
  const params = new URLSearchParams();
  if (ui.scenario.value) params.set("scenario", ui.scenario.value);
  if (ui.since.value) params.set("since", ui.since.value);
  if (ui.until.value) params.set("until", ui.until.value);
  return params.toString();
}

/** @param {Row} row */
function learnerLink(row) {
  return el("a", { href: `/results?learner=${encodeURIComponent(row.username)}`, "data-testid": "learner-link" }, row.display_name);
}

/**
 * A learner's trend, with its arrow (a code this page does not know as it is).
 * @param {string} direction
 */
function trendLabel(direction) {
  if (direction === "improving") return t("↑ improving");
  if (direction === "steady") return t("→ steady");
  if (direction === "slipping") return t("↓ slipping");
  return direction;
}

/** @param {number | null} value */
const numberOrDash = (value) => (typeof value === "number" ? formatNumber(value) : "—");

/**
 * The locale's way of writing each number (for a message's placeholders).
 * @param {Record<string, number>} numbers
 */
const numbers = (numbers) => Object.fromEntries(Object.entries(numbers).map(([name, value]) => [name, formatNumber(value)]));

/** @param {Row} row */
function assignmentsFinished(row) {
  const values = numbers({ done: row.assignments_done, set: row.assignments_set, passed: row.assignments_passed });
  // Translators: assignments a learner finished, of those set, and how many of those they passed.
  return t("{done} of {set} ({passed} passed)", values);
}

/** @param {Row} row */
function learnerRow(row) {
  return el(
    "tr",
    { "data-testid": "learner-row", "data-username": row.username },
    el("th", { scope: "row" }, learnerLink(row)),
    el("td", { className: "num" }, formatNumber(row.sessions)),
    el("td", { className: "num", "data-testid": "learner-average" }, numberOrDash(row.average_score)),
    el("td", {}, row.weakest ? labelFor(row.weakest.dimension) : "—"),
    el("td", {}, row.trend.direction ? trendLabel(row.trend.direction) : "—"),
    el("td", { className: "num" }, assignmentsFinished(row)),
    el("td", {}, row.last_practised ? formatDateTime(row.last_practised) : "—"),
    el(
      "td",
      {},
      row.active_session && isTrainer
        ? el("a", { href: `/watch?session=${encodeURIComponent(row.active_session)}`, "data-testid": "watch-link" }, t("Watch live"))
        : "",
    ),
  );
}

/** @param {any} work */
function assignmentItem(work) {
  const title = String(work.scenario.title);
  const remove = el(
    "button",
    { type: "button", className: "link-button", "aria-label": t("Withdraw the assignment {title}", { title }) },
    t("Withdraw"),
  );
  remove.addEventListener("click", async () => {
    if (!window.confirm(t("Withdraw the assignment \"{title}\"? Attempts made stay as practice.", { title }))) return;
    try {
      await apiRequest(`/api/assignments/${work.id}`, { method: "DELETE" });
      await refresh();
    } catch (failure) {
      ui.error.textContent = messageOf(failure);
    }
  });
  // The assignment's terms, joined by commas: for whom, due when, how many attempts.
  /** @type {string[]} */
  const terms = [];
  // Translators: {title} is the scenario assigned (shown in bold).
  if (work.cohort) terms.push(t("{title} for the cohort"));
  // Translators: {title} is the scenario assigned (shown in bold); {learner} is who it is for.
  else terms.push(t("{title} for {learner}", { learner: work.learner }));
  // Translators: one of an assignment's terms, after a comma ("Late parcel for the cohort, due 3 Mar 2025, 17:00").
  if (work.due_at) terms.push(t("due {date}", { date: formatDateTime(work.due_at) }));
  // Translators: one of an assignment's terms: how many attempts each learner has.
  if (work.attempt_limit) terms.push(tn("{count} attempt", "{count} attempts", work.attempt_limit));
  const counts = numbers({ done: work.done, assigned: work.assigned, passed: work.passed });
  // Translators: how far the learners assigned are with an assignment.
  const progress = t("{done} of {assigned} done, {passed} passed", counts);
  // Translators: an assignment: {terms} ("Late parcel for the cohort, due …, 3 attempts"), then {progress}.
  const line = t("{terms}: {progress}", { terms: terms.join(", "), progress });
  return el(
    "li",
    { "data-testid": "cohort-assignment" },
    withNodes(line, { title: el("strong", {}, title) }),
    work.overdue ? el("span", { className: "chip chip--warning" }, t("Past due")) : "",
    isTrainer ? [" ", remove] : "",
  );
}

/** @param {any} board */
function show(board) {
  const rows = /** @type {Row[]} */ (board.learners);
  const dims = dimensions();
  ui.heat.replaceChildren(
    rows.length
      ? heatMap({
          caption: t("{cohort}: learners by rubric dimension, the average level of their replies (0-100)", { cohort: board.cohort.name }),
          testId: "heat",
          rows: rows.map((r) => r.display_name),
          columns: dims.map((d) => d.label),
          values: rows.map((r) => dims.map((d) => r.dimensions[d.code] ?? null)),
          onPick: (i) => window.location.assign(`/results?learner=${encodeURIComponent(rows[i].username)}`),
        })
      : el("p", { className: "muted" }, t("This cohort has no learners yet.")),
  );
  ui.learners.replaceChildren(...rows.map(learnerRow));
  ui.spread.replaceChildren(
    barChart({
      caption: t("Replies by empathy score"),
      testId: "spread",
      labels: board.score_distribution.map((/** @type {{from: number}} */ b) => (b.from === 90 ? "90-100" : `${b.from}-${b.from + 9}`)),
      counts: board.score_distribution.map((/** @type {{count: number}} */ b) => b.count),
      xTitle: t("Score"),
    }),
  );
  ui.work.replaceChildren(
    board.assignments.length
      ? el("ul", { className: "assignment-list" }, board.assignments.map(assignmentItem))
      : el("p", { className: "muted" }, t("No assignments yet.")),
  );
  const chosen = ui.scenario.value;
  ui.scenario.replaceChildren(
    el("option", { value: "" }, t("All scenarios")),
    ...board.scenarios.map((/** @type {[string, string]} */ [id, title]) => el("option", { value: id }, title)),
  );
  ui.scenario.value = chosen;
  const total = rows.reduce((sum, r) => sum + r.sessions, 0);
  const learners = tn("{count} learner", "{count} learners", rows.length);
  const sessions = tn("{count} session", "{count} sessions", total);
  // Translators: {learners} and {sessions} are counts ("12 learners", "30 sessions").
  ui.status.textContent = t("{learners}, {sessions} in the chosen practice.", { learners, sessions });
  const cohort = cohorts.find((c) => c.id === Number(ui.cohort.value));
  ui.assignLearners.replaceChildren(
    ...(cohort ? cohort.members.filter((m) => m.role === "learner") : []).map((m) =>
      el("label", {}, el("input", { type: "checkbox", value: m.username, name: "learner" }), ` ${m.display_name}`),
    ),
  );
}

async function refresh() {
  ui.error.textContent = "";
  const id = Number(ui.cohort.value);
  if (!id) {
    ui.body.hidden = true;
    ui.status.textContent = isTrainer
      ? t("You coach no cohort yet. Import learners from a CSV file below to create one.")
      : t("You have not been given access to a cohort.");
    return;
  }
  setQueryParam("cohort", id);
  setQueryParam("scenario", ui.scenario.value || null);
  setQueryParam("since", ui.since.value || null);
  setQueryParam("until", ui.until.value || null);
  const q = query();
  ui.exportCsv.href = `/api/cohorts/${id}/dashboard.csv${q ? `?${q}` : ""}`;
  const board = await getJson(`/api/cohorts/${id}/dashboard${q ? `?${q}` : ""}`);
  show(board);
  ui.body.hidden = false;
  await showRecords(id);
}

/**
 * Whether the cohort's learning records reached the LRS (or why not yet).
 * @param {number} cohortId
 */
async function showRecords(cohortId) {
  const status = await getJson(`/api/records/status?cohort=${cohortId}`);
  ui.recordsDownload.href = `/api/records?cohort=${cohortId}`;
  const states = numbers({ sent: status.sent, waiting: status.waiting, failing: status.failing });
  // Translators: counts of learning records (xAPI statements) by state.
  const counts = t("{sent} sent, {waiting} waiting, {failing} failing", states);
  const lines = status.lrs_configured
    ? [
        t("Learning record store: {counts}.", { counts }),
        status.last_error ? t("Retrying; last error: {error}", { error: status.last_error }) : "",
      ]
    : [
        tn(
          "No learning record store is configured; {count} statement is kept until one is (or download them).",
          "No learning record store is configured; {count} statements are kept until one is (or download them).",
          status.waiting + status.failing,
        ),
      ];
  ui.recordsStatus.textContent = lines.filter(Boolean).join(" ");
  ui.recordsStatus.dataset.failing = String(status.failing);
  ui.records.hidden = false;
}

async function loadCohorts() {
  cohorts = (await getJson("/api/cohorts")).cohorts;
  const wanted = queryParam("cohort") || ui.cohort.value;
  ui.cohort.replaceChildren(...cohorts.map((c) => el("option", { value: String(c.id) }, c.name)));
  if (wanted && cohorts.some((c) => String(c.id) === wanted)) ui.cohort.value = wanted;
}

/** @param {SubmitEvent} event */
async function assign(event) {
  event.preventDefault();
  ui.assignError.textContent = "";
  const data = new FormData(ui.assignForm);
  const toLearners = data.get("target") === "learners";
  const learners = [...ui.assignLearners.querySelectorAll("input:checked")].map((box) => /** @type {HTMLInputElement} */ (box).value);
  if (toLearners && !learners.length) {
    ui.assignError.textContent = t("Tick at least one learner, or assign to the whole cohort.");
    return;
  }
  const due = byTestId("assign-due", ui.assignForm, HTMLInputElement).value;
  const attempts = byTestId("assign-attempts", ui.assignForm, HTMLInputElement).value;
  try {
    await postJson("/api/assignments", {
      scenario_id: ui.assignScenario.value,
      cohort_id: toLearners ? null : Number(ui.cohort.value),
      learners: toLearners ? learners : [],
      due_at: due ? new Date(due).toISOString() : null,
      attempt_limit: attempts ? Number(attempts) : null,
      show_needs: byTestId("assign-needs", ui.assignForm, HTMLInputElement).checked,
      show_tips: byTestId("assign-tips", ui.assignForm, HTMLInputElement).checked,
    });
    ui.assignForm.reset();
    await refresh();
  } catch (failure) {
    ui.assignError.textContent = messageOf(failure);
  }
}

async function start() {
  const [user] = await Promise.all([requireUser(), loadConfig()]);
  header.showUser(user);
  isTrainer = user.role === "trainer";
  ui.assignForm.hidden = !isTrainer;
  ui.assignForm.previousElementSibling?.toggleAttribute("hidden", !isTrainer);
  if (isTrainer) {
    const { scenarios } = await getJson("/api/scenarios");
    ui.assignScenario.replaceChildren(...scenarios.map((/** @type {{id: string, title: string}} */ s) => el("option", { value: s.id }, s.title)));
    ui.assignForm.addEventListener("submit", assign);
    new RosterImport(ui.importSection, {
      hint: t("As a trainer you add learners; you then coach the cohorts you name."),
      onImported: async (accounts) => {
        oneTime.show(accounts);
        await loadCohorts();
        const named = accounts.flatMap((a) => a.cohorts || []);
        const cohort = cohorts.find((c) => named.includes(c.name));
        if (cohort) ui.cohort.value = String(cohort.id);
        await refresh();
      },
    });
  } else {
    ui.importSection.hidden = true;
  }
  await loadCohorts();
  ui.since.value = queryParam("since") || "";
  ui.until.value = queryParam("until") || "";
  const wantedScenario = queryParam("scenario");
  if (wantedScenario) ui.scenario.append(el("option", { value: wantedScenario }, wantedScenario));
  ui.scenario.value = wantedScenario || "";
  ui.filters.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh().catch((failure) => (ui.error.textContent = messageOf(failure)));
  });
  ui.cohort.addEventListener("change", () => refresh().catch((failure) => (ui.error.textContent = messageOf(failure))));
  await refresh();
}

start().catch((failure) => {
  ui.error.textContent = messageOf(failure);
});
