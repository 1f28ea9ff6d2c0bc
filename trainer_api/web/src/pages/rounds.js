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
import { formatDateTime, formatNumber, t, tn } from "../lib/i18n.js";
import { auditActionLabel, labelFor, statusLabel } from "../lib/labels.js";

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

/**
 * A candidate's standing in words (the code itself when this page does not know it).
 * @param {string} code
 */
function standingLabel(code) {
  /** @type {Record<string, string>} */
  const labels = {
    not_started: t("Not started"),
    declined: t("Declined the assessment"),
    in_progress: t("Taking the assessment"),
    pending: t("Awaiting review"),
    awaiting_second_review: t("Awaiting a second reviewer"),
    reviewers_disagree: t("Reviewers disagree"),
    advance: t("Advance"),
    hold: t("Hold"),
    reject: t("Reject"),
  };
  return labels[code] ?? code;
}

/**
 * A reviewer's decision in words: "advance", "hold" or "reject".
 * @param {string} code
 */
function decisionLabel(code) {
  /** @type {Record<string, string>} */
  const labels = { advance: t("Advance"), hold: t("Hold"), reject: t("Reject") };
  return labels[code] ?? code;
}

/**
 * A round's language ("en" or "fr") by its name.
 * @param {string} code
 */
function languageName(code) {
  // Translators: the language of a hiring round (its candidates read their pages in it); the English page names each language in itself
  if (code === "fr") return t("Français");
  // Translators: the language of a hiring round (its candidates read their pages in it); the English page names each language in itself
  return t("English");
}

/**
 * A candidate's points on each rubric dimension, e.g. "Empathy 12, Clarity 8".
 * @param {Record<string, number>} dimensions
 */
function dimensionPoints(dimensions) {
  const parts = Object.entries(dimensions).map(([code, points]) =>
    // Translators: a rubric dimension's name and the candidate's points on it, e.g. "Empathy 12"
    t("{dimension} {points}", { dimension: labelFor(code), points: numberOrDash(points) }),
  );
  return parts.join(", ") || "—";
}

/**
 * A number the server sent, or a dash when there is none.
 * @param {number | null | undefined} value
 */
const numberOrDash = (value) => (value === null || value === undefined ? "—" : formatNumber(value));

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
        el("td", {}, languageName(r.language)),
        el("td", {}, formatDateTime(r.closes_at)),
        el("td", { className: "num" }, formatNumber(r.candidates.invited)),
        el("td", { className: "num" }, formatNumber(r.candidates.consented)),
        el("td", {}, r.locked ? t("Started (frozen)") : t("Not started")),
      );
    }),
  );
  if (!rounds.length) ui.rounds.append(el("tr", {}, el("td", { colspan: 6, className: "muted" }, t("No rounds yet: create one below."))));
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
      [t("Owner"), round.owner ?? "—"],
      [t("Reviewers"), round.reviewers.join(", ") || t("only the owner")],
      [t("Opens"), formatDateTime(round.opens_at)],
      [t("Closes"), formatDateTime(round.closes_at)],
      [t("Language"), languageName(round.language)],
      [t("Time limit"), tn("{count} minute per conversation", "{count} minutes per conversation", round.time_limit_minutes)],
      [t("Pass mark (advisory)"), formatNumber(round.pass_mark)],
      [t("Second review"), round.second_review ? t("required") : t("not required")],
      [t("Data kept"), tn("{count} day after closing", "{count} days after closing", round.retention_days)],
      [t("Contact"), round.contact],
      [
        t("Scenarios"),
        round.scenarios
          .map((/** @type {any} */ s) => t("{title} (version {version}, seed {seed})", { title: s.title, version: s.version.slice(0, 12), seed: s.seed }))
          .join("; "),
      ],
      [
        t("Self-declaration asked"),
        round.demographic_questions.map((/** @type {string} */ q) => (q === "sex" ? t("sex") : t("race/ethnicity"))).join(", ") || t("none"),
      ],
      [t("State"), round.locked ? t("started: frozen (copy it to change anything)") : t("not started yet")],
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
  if (!table.candidates.length) ui.candidates.append(el("tr", {}, el("td", { colspan: 7, className: "muted" }, t("Nobody invited yet."))));
  ui.detail.hidden = false;
  const { entries } = await getJson(`/api/rounds/${roundId}/audit`);
  ui.audit.replaceChildren(
    ...entries.map((/** @type {any} */ e) => el("li", {}, `${formatDateTime(e.at)} · ${auditActor(e.actor)} · ${auditActionLabel(e.action)}${e.subject ? ` · ${e.subject}` : ""}`)),
  );
}

/**
 * Who did what in the audit log: staff by username, candidates as such.
 * @param {string} actor
 */
function auditActor(actor) {
  // Translators: who did something, in a hiring round's audit log
  return actor === "candidate" ? t("The candidate") : actor;
}

/** @param {any} c */
function candidateRow(c) {
  const review = el("button", { type: "button", className: "link-button", "data-testid": "review-candidate" }, t("Review"));
  review.addEventListener("click", () => void openCandidate(c.id));
  return el(
    "tr",
    { "data-testid": "candidate-row", "data-pseudonym": c.pseudonym },
    el("th", { scope: "row" }, `${c.name} `, el("span", { className: "muted" }, c.pseudonym)),
    el("td", {}, c.consent === "given" ? t("Given") : c.consent === "declined" ? t("Declined") : t("Not yet")),
    el("td", { className: "num", "data-testid": "candidate-score" }, numberOrDash(c.score)),
    el("td", {}, c.outcomes.map(statusLabel).join(", ") || "—"),
    el("td", { className: "num" }, c.sessions.length ? formatNumber(c.minutes_taken) : "—"),
    el("td", { "data-testid": "candidate-standing" }, standingLabel(c.standing)),
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
      [
        t("Score (advisory)"),
        c.score === null
          ? "—"
          : c.above_pass_mark
            ? t("{score} (at or above the pass mark)", { score: formatNumber(c.score) })
            : t("{score} (below the pass mark)", { score: formatNumber(c.score) }),
      ],
      [t("By dimension"), dimensionPoints(c.dimensions)],
      [t("Outcome"), c.outcomes.map(statusLabel).join(", ") || "—"],
      [t("Time taken"), tn("{count} minute", "{count} minutes", c.minutes_taken)],
      [t("Standing"), standingLabel(c.standing)],
    ]),
  );
  byTestId("observations").replaceChildren(
    ...((c.observations || []).length
      ? c.observations.map((/** @type {any} */ o) =>
          // Translators: when the candidate sent an observation, then its text
          el("li", { "data-testid": "observation" }, t("{when}: {text}", { when: formatDateTime(o.at), text: o.text })),
        )
      : [el("li", { className: "muted" }, t("The candidate sent no observations."))]),
  );
  ui.decisions.replaceChildren(
    ...(c.decisions.length
      ? c.decisions.map((/** @type {any} */ d) =>
          el(
            "li",
            { "data-testid": "decision" },
            // Translators: a reviewer's username and their decision (Advance, Hold or Reject)
            el("strong", {}, t("{reviewer}: {decision}", { reviewer: d.reviewer, decision: decisionLabel(d.decision) })),
            " ",
            // Translators: follows "reviewer: decision": when it was recorded, then the reviewer's reason
            t("({when}): {reason}", { when: formatDateTime(d.at), reason: d.reason }),
          ),
        )
      : [el("li", { className: "muted" }, t("No decision yet."))]),
  );
  ui.conversations.replaceChildren(
    ...view.conversations.map((/** @type {any} */ conversation) => {
      const box = el("div", { className: "transcript", "data-testid": "candidate-transcript" });
      const transcript = new Transcript(box, { learner: t("Candidate"), customer: conversation.session.scenario.persona_name || t("Customer") });
      transcript.reset(conversation.turns);
      // Translators: a conversation's scenario title, then how it ended
      const heading = t("{scenario}: {status}", { scenario: conversation.session.scenario.title, status: statusLabel(conversation.session.status) });
      return el("div", {}, el("h4", {}, heading), box);
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
    ui.decisionError.textContent = t("Choose advance, hold or reject.");
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
        ...failure.errors.map((p) => {
          const values = { line: p.line ?? "?", message: p.message ?? "" };
          // Translators: a problem in the invited candidates' CSV; {column} is the column's name in the file (name or email)
          const text = p.column ? t("Line {line} ({column}): {message}", { ...values, column: p.column }) : t("Line {line}: {message}", values);
          return el("li", { "data-testid": "invite-problem" }, text);
        }),
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
  byTestId("round-submit").textContent = t("Save the changes");
  byTestId("round-edit-cancel").hidden = false;
  const box = byTestId("new-round", document, HTMLDetailsElement);
  box.open = true;
  box.querySelector("summary")?.replaceChildren(t("Change “{title}”", { title: round.title }));
  box.scrollIntoView({ block: "start" });
}

function stopEditing() {
  editing = null;
  ui.form.reset();
  byTestId("round-submit").textContent = t("Create the round");
  byTestId("round-edit-cancel").hidden = true;
  byTestId("new-round").querySelector("summary")?.replaceChildren(t("New round"));
}

/** @param {SubmitEvent} event */
async function createRound(event) {
  event.preventDefault();
  ui.error.textContent = "";
  const scenarioIds = [...ui.scenarios.querySelectorAll("input:checked")].map((box) => /** @type {HTMLInputElement} */ (box).value);
  const opens = value("round-opens");
  const closes = value("round-closes");
  if (!opens || !closes) {
    ui.error.textContent = t("Set when the round opens and closes.");
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
  byTestId("links-download").addEventListener("click", () => {
    const headers = [
      // Translators: a column header of the downloaded CSV of candidates' links (their names)
      t("name"),
      // Translators: a column header of the downloaded CSV of candidates' links (their email addresses)
      t("email"),
      // Translators: a column header of the downloaded CSV of candidates' links (the link to their assessment)
      t("link"),
    ];
    downloadText("candidate-links.csv", toCsv(headers, shownLinks.map((l) => [l.name, l.email, l.link])));
  });
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
    const question = t(
      "Delete everything about this candidate, everywhere (their conversations, scores, decisions and contact details)? The audit log keeps only their pseudonym. This cannot be undone.",
    );
    if (!window.confirm(question)) return;
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
