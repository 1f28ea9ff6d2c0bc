// @ts-check
/**
 * The debrief of one session (/debrief?session=<id>): outcome, two things to
 * try next time, the trainer's comments, the customer's mood as a curve with
 * the reason for each jump, which reply met each need, model answers where
 * the learner scored low, and the scored transcript. A trainer also comments
 * (on the session or one reply) and marks replies for scorer calibration.
 */
import { attachMarkForms } from "../components/calibration.js";
import { lineChart } from "../components/chart-figure.js";
import { mountHeader } from "../components/header.js";
import { Transcript } from "../components/transcript.js";
import { ApiError, getJson, postJson, requireUser } from "../lib/api.js";
import { counterText, isNearLimit } from "../components/composer.js";
import { getConfig, loadConfig } from "../lib/config.js";
import { byId, byTestId, el, messageOf, queryParam } from "../lib/dom.js";
import { formatNumber, t } from "../lib/i18n.js";
import { withNodes } from "../lib/message-nodes.js";
import { conversationDetail, endMessage, formatAverage, formatDateTime, isEnded, slug, statusLabel } from "../lib/labels.js";

/** @typedef {import("../components/turn.js").Turn} Turn */
/**
 * @typedef {{id: number, turn_id: number | null, author: string, text: string, created_at: string}} Comment
 * @typedef {{turn: number, anger: number, trust: number, band: string, after_reply: number | null, reasons: string[]}} MoodPoint
 * @typedef {{turn: number, text: string, change: number, reasons: string[]}} Moment
 * @typedef {{id: string, label: string, met: boolean, turn: number | null, text: string | null}} NeedMet
 * @typedef {{need: string, met_later: boolean, turns: number[], answers: string[]}} ModelAnswers
 */

const header = mountHeader(byId("topbar"), "debrief");
const sessionId = queryParam("session");
const ui = {
  title: byTestId("debrief-title"),
  error: byTestId("debrief-error"),
  body: byTestId("debrief-body"),
  outcome: byTestId("debrief-outcome"),
  facts: byTestId("debrief-facts"),
  nextTime: byTestId("next-time"),
  comments: byTestId("session-comments"),
  commentForm: byTestId("comment-form", document, HTMLFormElement),
  commentText: byTestId("comment-text", document, HTMLTextAreaElement),
  commentCounter: byTestId("comment-counter"),
  commentError: byTestId("comment-error"),
  mood: byTestId("mood-curve"),
  moments: byTestId("turning-points"),
  needs: byTestId("debrief-needs"),
  answers: byTestId("model-answers"),
  answersPanel: byTestId("model-answers-panel"),
};
const transcript = new Transcript(byTestId("transcript"), { learner: t("Learner"), customer: t("Customer") });

/** @param {any} view */
function showSummary(view) {
  const session = view.session;
  const scenario = session.scenario ?? {};
  ui.title.textContent = scenario.title ?? t("Debrief");
  // Translators: the browser tab's title; {title} is the scenario's
  document.title = scenario.title ? t("Debrief: {title} · Empathy Trainer", { title: scenario.title }) : t("Debrief · Empathy Trainer");
  const assignment = view.assignment;
  ui.outcome.replaceChildren(
    isEnded(session.status)
      ? el("p", { className: `outcome outcome--${slug(session.status)}`, "data-testid": "debrief-status" }, endMessage(session.status))
      : el("p", { className: "outcome", "data-testid": "debrief-status" }, t("This conversation is still in progress.")),
    assignment && assignment.pass_score !== null
      ? el("p", { "data-testid": "assignment-result" }, assignmentResult(assignment, isEnded(session.status)))
      : "",
  );
  const facts = [
    [t("Customer"), scenario.persona_name ?? "—"],
    [t("Started"), formatDateTime(session.started_at)],
    [t("Status"), statusLabel(session.status)],
    [t("Average score"), formatAverage(session.average_score)],
    [t("Conversation score"), conversationDetail(session.conversation_score)],
  ];
  if (session.seed !== undefined) {
    facts.push(
      [t("Scenario version"), scenario.version ?? "—"],
      // Translators: the random seed a session was played with (for trainers reproducing it)
      [t("Seed"), String(session.seed)],
    );
  }
  ui.facts.replaceChildren(...facts.map(([term, value]) => el("div", { className: "fact" }, el("dt", {}, term), el("dd", {}, value))));
  ui.nextTime.replaceChildren(
    ...(view.next_time.length ? view.next_time : [t("Keep doing what worked: nothing stood out to fix.")]).map((/** @type {string} */ tip) =>
      el("li", { "data-testid": "next-time-tip" }, tip),
    ),
  );
}

/**
 * Whether an attempt of an assignment passed, against the pass score.
 * @param {{average_score: number | null, pass_score: number, passed: boolean}} assignment
 * @param {boolean} ended
 */
function assignmentResult(assignment, ended) {
  const values = {
    average: assignment.average_score === null ? "—" : formatNumber(assignment.average_score),
    pass: formatNumber(assignment.pass_score),
  };
  const result = !ended
    ? t("An attempt of an assignment, still going: your replies averaged {average}; the assignment needs an average of {pass}.", values)
    : assignment.passed
      ? t("Assignment attempt passed: your replies averaged {average}; the assignment needs an average of {pass}.", values)
      : t("Assignment attempt not passed: your replies averaged {average}; the assignment needs an average of {pass}.", values);
  const note = t("(The conversation score below is a different figure: it also counts the needs met and the outcome.)");
  return [result, note].join(" ");
}

/**
 * @param {MoodPoint[]} curve
 * @param {Turn[]} turns
 */
function showMood(curve, turns) {
  /** @param {MoodPoint} point */
  const repliesBefore = (point) => turns.filter((t) => t.speaker === "learner" && Number(t.index) < point.turn).length;
  const labels = curve.map((point) => {
    const replies = repliesBefore(point);
    // Translators: a point of the mood chart: the customer's first line, before any reply
    if (!replies) return t("Opening");
    const values = { n: formatNumber(replies) };
    // Translators: a point of the mood chart: the customer's prompt to a learner who went quiet after reply {n}
    return point.after_reply === null ? t("Prompt after reply {n}", values) : t("After reply {n}", values);
  });
  const figure = lineChart({
    caption: t("The customer's anger and trust after each of their lines (0 to 100)"),
    testId: "mood",
    labels,
    series: [
      { label: t("Anger"), data: curve.map((p) => p.anger) },
      { label: t("Trust"), data: curve.map((p) => p.trust) },
    ],
  });
  const reasons = el(
    "ol",
    { className: "mood-steps", "data-testid": "mood-reasons" },
    curve.slice(1).map((point, i) =>
      el(
        "li",
        {},
        // Translators: a step of the mood's reasons, e.g. "After reply 2:"
        el("strong", {}, t("{step}:", { step: labels[i + 1] })),
        " ",
        // Translators: a step where the customer's mood moved for no reason worth showing
        point.reasons.length ? point.reasons.join("; ") : t("no change worth noting"),
      ),
    ),
  );
  ui.mood.replaceChildren(figure, el("details", {}, el("summary", {}, t("Why the mood moved, reply by reply")), reasons));
}

/** @param {{calmed: Moment[], angered: Moment[]}} moments */
function showMoments(moments) {
  /** @param {string} title @param {Moment[]} list @param {string} testId */
  const block = (title, list, testId) =>
    el(
      "div",
      { className: "moments", "data-testid": testId },
      el("h3", {}, title),
      list.length
        ? el(
            "ul",
            {},
            list.map((m) =>
              el(
                "li",
                {},
                el("q", {}, m.text),
                " ",
                // Translators: how much a reply changed the customer's anger, e.g. "anger +12"
                t("anger {change}", { change: formatNumber(m.change, { signDisplay: "exceptZero" }) }),
                m.reasons.length ? el("span", { className: "muted" }, ` (${m.reasons.join("; ")})`) : "",
              ),
            ),
          )
        : el("p", { className: "muted" }, t("None.")),
    );
  ui.moments.replaceChildren(
    block(t("What calmed the customer"), moments.calmed, "calmed"),
    block(t("What made them angrier"), moments.angered, "angered"),
  );
}

/** @param {NeedMet[]} needs */
function showNeeds(needs) {
  ui.needs.replaceChildren(
    ...needs.map((need) =>
      el(
        "li",
        { className: need.met ? "need-row need-row--met" : "need-row", "data-testid": "debrief-need", "data-met": String(need.met) },
        el("span", { className: "need-row__mark", "aria-hidden": "true" }, need.met ? "✓" : "○"),
        // Translators: for screen readers, before a need of the customer
        el("span", { className: "visually-hidden" }, need.met ? t("Met:") : t("Not met:"), " "),
        need.label,
        need.text
          ? // Translators: after a need of the customer; {reply} quotes the learner's reply that met it
            el("span", { className: "muted" }, " ", withNodes(t("— met by {reply}"), { reply: el("q", {}, need.text) }))
          : "",
      ),
    ),
  );
}

/** @param {ModelAnswers[]} answers */
function showModelAnswers(answers) {
  ui.answersPanel.hidden = !answers.length;
  ui.answers.replaceChildren(
    ...answers.map((entry) =>
      el(
        "div",
        { className: "model-answer", "data-testid": "model-answer" },
        el("h3", {}, t("When the customer needed: {need}", { need: entry.need })),
        el(
          "p",
          { className: "muted" },
          entry.met_later
            ? t("You met this need later in the call; a reply like these would have met it at once:")
            : t("This need stayed open; a reply like these would have met it:"),
        ),
        el("ul", {}, entry.answers.map((answer) => el("li", {}, el("q", {}, answer)))),
      ),
    ),
  );
}

/**
 * @param {Comment} comment
 * @param {string} [where] what the comment is on, e.g. "On reply 2" (a link to it)
 */
function commentItem(comment, where) {
  return el(
    "li",
    { className: "comment", "data-testid": "comment" },
    el("strong", {}, comment.author),
    el("span", { className: "muted" }, ` · ${formatDateTime(comment.created_at)}`),
    where ? [" · ", el("a", { href: `#reply-${comment.turn_id}`, "data-testid": "comment-on-reply" }, where)] : "",
    el("p", {}, comment.text),
  );
}

/**
 * The panel lists every comment (on the session, then each on a reply, with
 * a link to the reply); a reply's own comments also sit under it.
 * @param {Comment[]} comments
 * @param {Turn[]} turns
 */
function showComments(comments, turns) {
  const onSession = comments.filter((c) => c.turn_id === null);
  const learnerTurns = turns.filter((turn) => turn.speaker === "learner");
  /** @type {HTMLElement[]} */
  const onReplies = [];
  learnerTurns.forEach((turn, i) => {
    const mine = comments.filter((c) => c.turn_id === turn.id);
    // Translators: where a trainer's comment is, in the list of comments: "On reply 3"
    const where = t("On reply {n}", { n: formatNumber(i + 1) });
    onReplies.push(...mine.map((comment) => commentItem(comment, where)));
    const node = transcript.nodes.get(Number(turn.index));
    if (node) {
      node.id = `reply-${turn.id}`;
      if (mine.length) node.append(el("ul", { className: "comment-list comment-list--turn" }, mine.map((c) => commentItem(c))));
    }
  });
  const all = [...onSession.map((c) => commentItem(c)), ...onReplies];
  ui.comments.replaceChildren(...(all.length ? all : [el("li", { className: "muted" }, t("No comments yet."))]));
}

/**
 * A trainer's "comment on this reply" form under a learner turn.
 * @param {Turn} turn
 */
function turnCommentForm(turn) {
  const label = t("Comment on this reply");
  const text = commentBox({ rows: 2, "aria-label": label, "data-testid": "turn-comment-text" });
  const error = el("p", { className: "alert", role: "alert" });
  const form = el(
    "form",
    { className: "comment-form comment-form--turn", novalidate: true },
    text.box,
    text.counter,
    el("button", { type: "submit", className: "button button--secondary", "data-testid": "turn-comment-submit" }, t("Add comment")),
    error,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void sendComment(text.box.value, turn.id ?? null, error);
  });
  return el("details", { className: "turn-comment" }, el("summary", { "data-testid": "turn-comment-open" }, label), form);
}

/**
 * A comment box held to the server's limit, with a character counter.
 * @param {Record<string, string | number>} attributes
 */
function commentBox(attributes) {
  const most = getConfig().max_comment_chars;
  const box = /** @type {HTMLTextAreaElement} */ (el("textarea", { ...attributes, maxlength: most }));
  const counter = el("p", { className: "counter muted", "aria-live": "polite" }, counterText(0, most));
  box.addEventListener("input", () => {
    counter.textContent = counterText(box.value.length, most);
    counter.classList.toggle("counter--near", isNearLimit(box.value.length, most));
  });
  return { box, counter };
}

/**
 * @param {string} text
 * @param {number | null} turnId
 * @param {HTMLElement} error
 * @returns {Promise<boolean>} whether the comment was saved
 */
async function sendComment(text, turnId, error) {
  error.textContent = "";
  if (!text.trim()) {
    error.textContent = t("Write a comment before saving.");
    return false;
  }
  try {
    await postJson(`/api/sessions/${encodeURIComponent(String(sessionId))}/comments`, { text, turn_id: turnId });
  } catch (failure) {
    error.textContent = messageOf(failure);
    return false;
  }
  await load(true);
  return true;
}

/** @type {import("../lib/api.js").User | null} */
let viewer = null;

/** @param {boolean} [keepScroll] */
async function load(keepScroll = false) {
  const view = await getJson(`/api/sessions/${encodeURIComponent(String(sessionId))}/debrief`);
  const own = viewer && viewer.username === view.session.learner;
  const learnerName = own ? t("You") : view.session.learner_name || view.session.learner;
  transcript.setNames({ learner: learnerName, customer: view.session.scenario?.persona_name || t("Customer") });
  transcript.reset(view.turns);
  showSummary(view);
  showMood(view.mood_curve, view.turns);
  showMoments(view.turning_points);
  showNeeds(view.needs);
  showModelAnswers(view.model_answers);
  showComments(view.comments, view.turns);
  if (viewer && viewer.role === "trainer") {
    ui.commentForm.hidden = false;
    for (const turn of view.turns) {
      const node = transcript.nodes.get(Number(turn.index));
      if (turn.speaker === "learner" && node) node.append(turnCommentForm(turn));
    }
    attachMarkForms(view.turns, (turn) => transcript.nodes.get(Number(turn.index)), { user: viewer });
  }
  ui.body.hidden = false;
  if (!keepScroll) window.scrollTo(0, 0);
}

async function start() {
  const [user] = await Promise.all([requireUser(), loadConfig()]);
  viewer = user;
  header.showUser(user);
  if (!sessionId) {
    ui.error.textContent = t("No session was chosen. Open a debrief from your home page or your sessions.");
    return;
  }
  const most = getConfig().max_comment_chars;
  ui.commentText.maxLength = most;
  const count = () => {
    ui.commentCounter.textContent = counterText(ui.commentText.value.length, most);
    ui.commentCounter.classList.toggle("counter--near", isNearLimit(ui.commentText.value.length, most));
  };
  count();
  ui.commentText.addEventListener("input", count);
  ui.commentForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void sendComment(ui.commentText.value, null, ui.commentError).then((saved) => {
      if (!saved) return;
      ui.commentText.value = "";
      count();
    });
  });
  try {
    await load();
  } catch (failure) {
    ui.error.textContent =
      failure instanceof ApiError && failure.status === 404 ? t("There is no such session, or it is not one you can see.") : messageOf(failure);
  }
}

start().catch((failure) => {
  ui.error.textContent = messageOf(failure);
});
