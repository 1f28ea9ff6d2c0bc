// @ts-check
/**
 * HR's hiring rounds: create a round (pinned scenarios, dates, time limit,
 * language, pass mark, reviewers), invite candidates (links shown once),
 * read the ranked table, review each candidate's conversations with the
 * evidence behind every score, and record decisions with reasons.
 */
import { fairnessReport } from "../components/fairness-report.js";
import { mountHeader } from "../components/header.js";
import { Transcript } from "../components/transcript.js";
import { ApiError, apiRequest, getJson, postJson, requireUser } from "../lib/api.js";
import { loadConfig } from "../lib/config.js";
import { downloadText, toCsv } from "../lib/csv.js";
import { byId, byTestId, el, messageOf, queryParam, setQueryParam } from "../lib/dom.js";
import { formatDateTime, labelFor, statusLabel } from "../lib/labels.js";

const header = mountHeader(byId("topbar"), "rounds");
const ui = {
  error: byTestId("rounds-error"),
  rounds: byTestId("rounds-table", document, HTMLTableElement).tBodies[0],
  form: byTestId("round-form", document, HTMLFormElement),
  scenarios: byTestId("round-scenarios"),
  detail: byTestId("round-detail"),
  heading: byTestId("round-heading"),
  facts: byTestId("round-facts"),
  candidates: byTestId("candidates-table", document, HTMLTableElement).tBodies[0],
  links: byTestId("links"),
  linksBody: byTestId("links-table", document, HTMLTableElement).tBodies[0],
  problems: byTestId("invite-problems"),
  audit: byTestId("audit-list"),
  review: byTestId("review"),
  decisions: byTestId("decisions"),
  decisionError: byTestId("decision-error"),
  conversations: byTestId("conversations"),
};
/** @type {number | null} */
let currentRound = null;
/** @type {number | null} */
let currentCandidate = null;
/** @type {any} the round open in the detail panel */
let shownRound = null;
/** @type {number | null} the round being changed in the form, if any */
let editing = null;
/** @type {{name: string, email: string, link: string}[]} */
let shownLinks = [];

const STANDING = /** @type {Record<string, string>} */ ({
  not_started: "Not started",
  declined: "Declined the assessment",
  in_progress: "Taking the assessment",
  pending: "Awaiting review",
  awaiting_second_review: "Awaiting a second reviewer",
  reviewers_disagree: "Reviewers disagree",
  advance: "Advance",
  hold: "Hold",
  reject: "Reject",
});

/** @param {unknown} failure */
function fail(failure) {
  ui.error.textContent = messageOf(failure);
}

/** @param {[string, string][]} pairs */
function facts(pairs) {
  return pairs.map(([term, value]) => el("div", { className: "fact" }, el("dt", {}, term), el("dd", {}, value)));
}

async function loadRounds() {
  const { rounds } = await getJson("/api/rounds");
  ui.rounds.replaceChildren(
    ...rounds.map((/** @type {any} */ r) => {
      const open = el("button", { type: "button", className: "link-button", "data-testid": "open-round" }, r.title);
      open.addEventListener("click", () => void openRound(r.id));
      return el(
        "tr",
        { "data-testid": "round-row" },
        el("th", { scope: "row" }, open),
        el("td", {}, r.language === "fr" ? "Français" : "English"),
        el("td", {}, formatDateTime(r.closes_at)),
        el("td", { className: "num" }, String(r.candidates.invited)),
        el("td", { className: "num" }, String(r.candidates.consented)),
        el("td", {}, r.locked ? "Started (frozen)" : "Not started"),
      );
    }),
  );
  if (!rounds.length) ui.rounds.append(el("tr", {}, el("td", { colspan: 6, className: "muted" }, "No rounds yet: create one below.")));
}

/** @param {number} roundId */
async function openRound(roundId) {
  ui.error.textContent = "";
  currentRound = roundId;
  setQueryParam("round", roundId);
  const table = await getJson(`/api/rounds/${roundId}/results`);
  const round = table.round;
  ui.heading.textContent = round.title;
  ui.facts.replaceChildren(
    ...facts([
      ["Owner", round.owner ?? "—"],
      ["Reviewers", round.reviewers.join(", ") || "only the owner"],
      ["Opens", formatDateTime(round.opens_at)],
      ["Closes", formatDateTime(round.closes_at)],
      ["Language", round.language === "fr" ? "Français" : "English"],
      ["Time limit", `${round.time_limit_minutes} minutes per conversation`],
      ["Pass mark (advisory)", String(round.pass_mark)],
      ["Second review", round.second_review ? "required" : "not required"],
      ["Data kept", `${round.retention_days} days after closing`],
      ["Contact", round.contact],
      ["Scenarios", round.scenarios.map((/** @type {any} */ s) => `${s.title} (version ${s.version.slice(0, 12)}, seed ${s.seed})`).join("; ")],
      ["Self-declaration asked", round.demographic_questions.map((/** @type {string} */ q) => (q === "sex" ? "sex" : "race/ethnicity")).join(", ") || "none"],
      ["State", round.locked ? "started: frozen (copy it to change anything)" : "not started yet"],
    ]),
  );
  shownRound = round;
  byTestId("round-edit", document, HTMLButtonElement).hidden = round.locked;
  byTestId("round-fairness-csv", document, HTMLAnchorElement).href = `/api/rounds/${roundId}/fairness.csv`;
  const fairness = byTestId("round-fairness", document, HTMLDetailsElement);
  byTestId("round-fairness-report").replaceChildren();
  if (fairness.open) await showRoundFairness();
  byTestId("export-csv", document, HTMLAnchorElement).href = `/api/rounds/${roundId}/export.csv`;
  byTestId("export-json", document, HTMLAnchorElement).href = `/api/rounds/${roundId}/export.json`;
  byTestId("export-transcripts", document, HTMLAnchorElement).href = `/api/rounds/${roundId}/transcripts.html`;
  ui.candidates.replaceChildren(...table.candidates.map(candidateRow));
  if (!table.candidates.length) ui.candidates.append(el("tr", {}, el("td", { colspan: 7, className: "muted" }, "Nobody invited yet.")));
  ui.detail.hidden = false;
  const { entries } = await getJson(`/api/rounds/${roundId}/audit`);
  ui.audit.replaceChildren(
    ...entries.map((/** @type {any} */ e) => el("li", {}, `${formatDateTime(e.at)} · ${e.actor} · ${e.action}${e.subject ? ` · ${e.subject}` : ""}`)),
  );
}

/** @param {any} c */
function candidateRow(c) {
  const review = el("button", { type: "button", className: "link-button", "data-testid": "review-candidate" }, "Review");
  review.addEventListener("click", () => void openCandidate(c.id));
  return el(
    "tr",
    { "data-testid": "candidate-row", "data-pseudonym": c.pseudonym },
    el("th", { scope: "row" }, `${c.name} `, el("span", { className: "muted" }, c.pseudonym)),
    el("td", {}, c.consent === "given" ? "Given" : c.consent === "declined" ? "Declined" : "Not yet"),
    el("td", { className: "num", "data-testid": "candidate-score" }, c.score ?? "—"),
    el("td", {}, c.outcomes.map(statusLabel).join(", ") || "—"),
    el("td", { className: "num" }, c.sessions.length ? String(c.minutes_taken) : "—"),
    el("td", { "data-testid": "candidate-standing" }, STANDING[c.standing] ?? c.standing),
    el("td", {}, c.sessions.length ? review : ""),
  );
}

/** @param {number} candidateId */
async function openCandidate(candidateId) {
  currentCandidate = candidateId;
  const view = await getJson(`/api/candidates/${candidateId}/transcripts`);
  showCandidate(view);
  ui.review.hidden = false;
  ui.review.scrollIntoView({ block: "start" });
}

/** @param {any} view */
function showCandidate(view) {
  const c = view.candidate;
  byTestId("review-heading").textContent = `${c.name} (${c.pseudonym})`;
  byTestId("review-facts").replaceChildren(
    ...facts([
      ["Score (advisory)", c.score === null ? "—" : `${c.score}${c.above_pass_mark ? " (at or above the pass mark)" : " (below the pass mark)"}`],
      ["By dimension", Object.entries(c.dimensions).map(([d, v]) => `${labelFor(d)} ${v}`).join(", ") || "—"],
      ["Outcome", c.outcomes.map(statusLabel).join(", ") || "—"],
      ["Time taken", `${c.minutes_taken} minutes`],
      ["Standing", STANDING[c.standing] ?? c.standing],
    ]),
  );
  byTestId("observations").replaceChildren(
    ...((c.observations || []).length
      ? c.observations.map((/** @type {any} */ o) => el("li", { "data-testid": "observation" }, `${formatDateTime(o.at)}: ${o.text}`))
      : [el("li", { className: "muted" }, "The candidate sent no observations.")]),
  );
  ui.decisions.replaceChildren(
    ...(c.decisions.length
      ? c.decisions.map((/** @type {any} */ d) => el("li", { "data-testid": "decision" }, el("strong", {}, `${d.reviewer}: ${d.decision}`), ` (${formatDateTime(d.at)}): ${d.reason}`))
      : [el("li", { className: "muted" }, "No decision yet.")]),
  );
  ui.conversations.replaceChildren(
    ...view.conversations.map((/** @type {any} */ conversation) => {
      const box = el("div", { className: "transcript", "data-testid": "candidate-transcript" });
      const transcript = new Transcript(box, { learner: "Candidate", customer: conversation.session.scenario.persona_name || "Customer" });
      transcript.reset(conversation.turns);
      return el("div", {}, el("h4", {}, `${conversation.session.scenario.title}: ${statusLabel(conversation.session.status)}`), box);
    }),
  );
}

/** @param {SubmitEvent} event */
async function decide(event) {
  event.preventDefault();
  ui.decisionError.textContent = "";
  const form = byTestId("decision-form", document, HTMLFormElement);
  const chosen = /** @type {HTMLInputElement | null} */ (form.querySelector("input[name=decision]:checked"));
  if (!chosen) {
    ui.decisionError.textContent = "Choose advance, hold or reject.";
    return;
  }
  try {
    const view = await postJson(`/api/candidates/${currentCandidate}/decision`, {
      decision: chosen.value,
      reason: byTestId("decision-reason", form, HTMLTextAreaElement).value,
    });
    form.reset();
    showCandidate(view);
    if (currentRound) await openRound(currentRound);
  } catch (failure) {
    ui.decisionError.textContent = messageOf(failure);
  }
}

/** @param {any[]} rows */
async function invite(rows) {
  ui.problems.replaceChildren();
  try {
    const body = typeof rows === "string" ? { csv: rows } : { candidates: rows };
    const { invitations } = await postJson(`/api/rounds/${currentRound}/candidates`, body);
    shownLinks = [
      ...invitations.map((/** @type {any} */ i) => ({ name: i.name, email: i.email, link: new URL(i.link, window.location.origin).href })),
      ...shownLinks,
    ];
    ui.linksBody.replaceChildren(
      ...shownLinks.map((l) => el("tr", {}, el("td", {}, l.name), el("td", {}, l.email), el("td", {}, el("code", { "data-testid": "candidate-link" }, l.link)))),
    );
    ui.links.hidden = false;
    if (currentRound) await openRound(currentRound);
    return true;
  } catch (failure) {
    fail(failure);
    if (failure instanceof ApiError) {
      ui.problems.replaceChildren(
        ...failure.errors.map((p) => el("li", { "data-testid": "invite-problem" }, `Line ${p.line ?? "?"}${p.column ? ` (${p.column})` : ""}: ${p.message}`)),
      );
    }
    return false;
  }
}

/** @param {string} id */
const value = (id) => byTestId(id, ui.form, HTMLInputElement).value;

/** @param {string} id @param {string | number} to */
const setValue = (id, to) => {
  byTestId(id, ui.form, HTMLInputElement).value = String(to);
};

/**
 * An ISO time as the value of a datetime-local input, in local time.
 * @param {string} iso
 */
export function localInputValue(iso) {
  const date = new Date(iso);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

async function showRoundFairness() {
  if (!currentRound) return;
  try {
    byTestId("round-fairness-report").replaceChildren(fairnessReport(await getJson(`/api/rounds/${currentRound}/fairness`)));
  } catch (failure) {
    fail(failure);
  }
}

/** @param {SubmitEvent} event */
async function showPeriod(event) {
  event.preventDefault();
  const params = new URLSearchParams();
  const from = byTestId("period-start", document, HTMLInputElement).value;
  const to = byTestId("period-end", document, HTMLInputElement).value;
  if (from) params.set("start", from);
  if (to) params.set("end", to);
  const query = params.toString() ? `?${params}` : "";
  byTestId("period-csv", document, HTMLAnchorElement).href = `/api/fairness.csv${query}`;
  try {
    byTestId("period-report").replaceChildren(fairnessReport(await getJson(`/api/fairness${query}`)));
  } catch (failure) {
    byTestId("period-report").replaceChildren(el("p", { className: "alert", role: "alert" }, messageOf(failure)));
  }
}

/** Fill the form with the round shown, to change it (before anyone starts). */
function editRound() {
  const round = shownRound;
  if (!round) return;
  editing = round.id;
  setValue("round-title", round.title);
  for (const box of ui.scenarios.querySelectorAll("input")) {
    /** @type {HTMLInputElement} */ (box).checked = round.scenarios.some((/** @type {any} */ s) => s.scenario_id === /** @type {HTMLInputElement} */ (box).value);
  }
  byTestId("round-language", ui.form, HTMLSelectElement).value = round.language;
  setValue("round-minutes", round.time_limit_minutes);
  setValue("round-opens", localInputValue(round.opens_at));
  setValue("round-closes", localInputValue(round.closes_at));
  setValue("round-pass", round.pass_mark);
  setValue("round-reviewers", round.reviewers.join(", "));
  byTestId("round-second", ui.form, HTMLInputElement).checked = round.second_review;
  setValue("round-retention", round.retention_days);
  setValue("round-contact", round.contact);
  byTestId("round-ask-sex", ui.form, HTMLInputElement).checked = round.demographic_questions.includes("sex");
  byTestId("round-ask-race", ui.form, HTMLInputElement).checked = round.demographic_questions.includes("race_ethnicity");
  byTestId("round-submit").textContent = "Save the changes";
  byTestId("round-edit-cancel").hidden = false;
  const box = byTestId("new-round", document, HTMLDetailsElement);
  box.open = true;
  box.querySelector("summary")?.replaceChildren(`Change “${round.title}”`);
  box.scrollIntoView({ block: "start" });
}

function stopEditing() {
  editing = null;
  ui.form.reset();
  byTestId("round-submit").textContent = "Create the round";
  byTestId("round-edit-cancel").hidden = true;
  byTestId("new-round").querySelector("summary")?.replaceChildren("New round");
}

/** @param {SubmitEvent} event */
async function createRound(event) {
  event.preventDefault();
  ui.error.textContent = "";
  const scenarioIds = [...ui.scenarios.querySelectorAll("input:checked")].map((box) => /** @type {HTMLInputElement} */ (box).value);
  const opens = value("round-opens");
  const closes = value("round-closes");
  if (!opens || !closes) {
    ui.error.textContent = "Set when the round opens and closes.";
    return;
  }
  const body = {
      title: value("round-title"),
      scenario_ids: scenarioIds,
      language: byTestId("round-language", ui.form, HTMLSelectElement).value,
      time_limit_minutes: Number(value("round-minutes")),
      opens_at: new Date(opens).toISOString(),
      closes_at: new Date(closes).toISOString(),
      pass_mark: Number(value("round-pass")),
      reviewers: value("round-reviewers").split(",").map((s) => s.trim()).filter(Boolean),
      second_review: byTestId("round-second", ui.form, HTMLInputElement).checked,
      retention_days: Number(value("round-retention")),
      contact: value("round-contact"),
      demographic_questions: [...ui.form.querySelectorAll("input[data-testid^=round-ask-]:checked")].map((box) => /** @type {HTMLInputElement} */ (box).value),
  };
  try {
    const made = editing ? await apiRequest(`/api/rounds/${editing}`, { method: "PUT", body }) : await postJson("/api/rounds", body);
    stopEditing();
    await loadRounds();
    await openRound(made.id);
  } catch (failure) {
    fail(failure);
  }
}

async function start() {
  const [user] = await Promise.all([requireUser(), loadConfig()]);
  header.showUser(user);
  const { scenarios } = await getJson("/api/scenarios");
  ui.scenarios.replaceChildren(
    ...scenarios.map((/** @type {any} */ s) => el("label", {}, el("input", { type: "checkbox", value: s.id }), ` ${s.title}`)),
  );
  ui.form.addEventListener("submit", (event) => void createRound(event));
  byTestId("decision-form").addEventListener("submit", (event) => void decide(/** @type {SubmitEvent} */ (event)));
  byTestId("invite-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = byTestId("invite-name", document, HTMLInputElement);
    const email = byTestId("invite-email", document, HTMLInputElement);
    void invite([{ name: name.value, email: email.value }]).then((ok) => {
      if (ok) {
        name.value = "";
        email.value = "";
      }
    });
  });
  byTestId("invite-csv-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void invite(/** @type {any} */ (byTestId("invite-csv", document, HTMLTextAreaElement).value));
  });
  byTestId("links-download").addEventListener("click", () =>
    downloadText("candidate-links.csv", toCsv(["name", "email", "link"], shownLinks.map((l) => [l.name, l.email, l.link]))),
  );
  byTestId("round-edit").addEventListener("click", editRound);
  byTestId("round-edit-cancel").addEventListener("click", stopEditing);
  byTestId("round-fairness").addEventListener("toggle", () => {
    if (byTestId("round-fairness", document, HTMLDetailsElement).open) void showRoundFairness();
  });
  byTestId("period-form").addEventListener("submit", (event) => void showPeriod(/** @type {SubmitEvent} */ (event)));
  byTestId("round-copy").addEventListener("click", async () => {
    try {
      const copy = await postJson(`/api/rounds/${currentRound}/copy`);
      await loadRounds();
      await openRound(copy.id);
    } catch (failure) {
      fail(failure);
    }
  });
  byTestId("delete-candidate").addEventListener("click", async () => {
    if (!window.confirm("Delete everything about this candidate, everywhere (their conversations, scores, decisions and contact details)? The audit log keeps only their pseudonym. This cannot be undone.")) return;
    try {
      await apiRequest(`/api/candidates/${currentCandidate}`, { method: "DELETE" });
      ui.review.hidden = true;
      if (currentRound) await openRound(currentRound);
    } catch (failure) {
      fail(failure);
    }
  });
  byTestId("grant-attempt").addEventListener("click", async () => {
    try {
      await apiRequest(`/api/candidates/${currentCandidate}/grant-attempt`, { method: "POST" });
      if (currentRound) await openRound(currentRound);
    } catch (failure) {
      fail(failure);
    }
  });
  await loadRounds();
  const wanted = Number(queryParam("round"));
  if (wanted) await openRound(wanted).catch(fail);
}

start().catch(fail);
