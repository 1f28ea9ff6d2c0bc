/**
 * The starting text of a new scenario: the annotated example of
 * scenarios/README.md as a complete, valid file (every reaction has lines for
 * every mood band), for the trainer to rewrite.
 */

/** Same rule as the server: 2-64 lowercase letters, digits, underscores, starting with a letter. */
export const SCENARIO_ID = /^[a-z][a-z0-9_]{1,63}$/;

/** "late_parcel" -> "Late parcel" */
export function titleFromId(id) {
  const words = id.replace(/_+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}

/** @param {string} id a valid scenario id (checked by the caller) */
export function scenarioTemplate(id) {
  return `# A new scenario. Rewrite every text below; the structure is what the
# validator needs. The full schema, with every move and reaction, is in
# scenarios/README.md.
id: ${id}                       # 2-64 lowercase letters, digits, underscores; the file name
version: 1                      # your own label; the version of record is the content hash
locale: en
title: "${titleFromId(id)}"
difficulty: medium              # easy | medium | hard
summary: >-                     # shown to the learner before they start
  Sam ordered a birthday present three weeks ago. The parcel still has not
  arrived and the party is on Saturday.

persona:
  name: "Sam Taylor"
  background: "Bought a present for a niece's birthday party on Saturday."
  temperament: "Polite at first; sharp when they feel fobbed off."
  patience: medium              # low | medium | high: how fast anger rises

facts:                          # what the customer knows; use them in lines as {name}
  order_ref: "A1234"
  event: "the birthday party on Saturday"

opening:                        # one is picked as the customer's first message
  - "My order {order_ref} still hasn't arrived and I need it for {event}."

needs:                          # what must happen before the customer is satisfied, in order
  - id: acknowledged
    description: "Someone acknowledges the wait and what it puts at risk"
    met_by: [acknowledge_feelings, validate, apologize]
    hint: "Name how frustrating the wait is before anything practical."
    model_answers:
      - "I'm so sorry, Sam. Three weeks is far too long, and with the party on Saturday I can see why you're worried."
  - id: solved
    description: "The customer is offered a concrete way to get the present in time"
    met_by: [offer_solution]
    hint: "Offer a specific option with a date, such as a replacement sent by express."
    model_answers:
      - "I'll send a replacement today by express delivery, so it reaches you on Thursday."

mood:
  anger: 60                     # starting anger, 0-100
  trust: 30                     # starting trust, 0-100
  empathy_weight: 0.3           # each turn anger moves by (50 - empathy score) x weight
  escalate_at: 90               # anger at or above: asks for a manager (escalated)
  resolve_at: 35                # anger at or below with every need met: resolved
  leave_at: 5                   # trust at or below: the customer gives up and leaves
  max_turns: 14                 # learner turns before the customer gives up and leaves
  bands:                        # upper anger bound of each band, rising; the last is 100
    calm: 34
    upset: 69
    furious: 100

lines:                          # what the customer says, by reaction and mood band
  greeting:
    calm: ["Hello. It's about my order, {order_ref}."]
    upset: ["Hi. Can we get straight to my order, please?"]
    furious: ["Never mind hello. Where is my parcel?"]
  empathy:
    calm: ["Thank you. It has been a worry."]
    upset: ["I appreciate that, but I still need it for {event}."]
    furious: ["Understanding doesn't get my parcel here."]
  apology:
    calm: ["Thank you, that helps a bit."]
    upset: ["Sorry is a start, but what happens now?"]
    furious: ["Everyone says sorry. Nobody does anything."]
  ownership:
    calm: ["Thank you for taking it on."]
    upset: ["Fine. I'll hold you to that."]
    furious: ["You should have owned this three weeks ago."]
  question:
    calm: ["It's {order_ref}. I need it before {event}."]
    upset: ["It's {order_ref}. I've given it twice already."]
    furious: ["You have my order number. Just find it."]
  explanation:
    calm: ["Okay, that makes sense. Thanks for explaining."]
    upset: ["That's the reason, but it doesn't fix anything."]
    furious: ["I don't care why. I care that it's not here."]
  solution:
    calm: ["That would work. Please go ahead."]
    upset: ["And that will definitely arrive in time?"]
    furious: ["Is that actually going to happen this time?"]
  compensation:
    calm: ["That's kind, thank you."]
    upset: ["I don't want a voucher, I want the present."]
    furious: ["Don't try to buy me off. Where is my parcel?"]
  expectation:
    calm: ["Good, that's clear. Thank you."]
    upset: ["I'll believe it when I see it."]
    furious: ["I've been told 'soon' for three weeks."]
  policy:
    calm: ["I understand there are rules, but there must be something you can do."]
    upset: ["So the policy is that I miss {event}?"]
    furious: ["Don't read me the rules. Your company lost my parcel."]
  blame:
    calm: ["I don't think that's fair. I gave the right address."]
    upset: ["My fault? I paid for delivery three weeks ago."]
    furious: ["How dare you blame me for your lost parcel."]
  dismissal:
    calm: ["It's not a small thing to me."]
    upset: ["Don't tell me to calm down. Tell me where it is."]
    furious: ["It's not 'just a parcel'. It's a birthday present."]
  handoff:
    calm: ["Okay, as long as they can actually help."]
    upset: ["Another transfer? Why can't you do it?"]
    furious: ["No. I'm not going back on hold."]
  closing:
    calm: ["Before you go, is everything definitely sorted?"]
    upset: ["Hang on, nothing has been sorted yet."]
    furious: ["Are you trying to get rid of me?"]
  unclear:
    calm: ["Sorry, I didn't follow. What does that mean for my order?"]
    upset: ["What? Please just speak plainly."]
    furious: ["Are you even listening to me?"]
  nudge: ["Hello? Are you still there?"]       # the learner has gone quiet
  escalate: ["I want to speak to a manager."]
  resolved: ["Thank you. That actually helps."]
  leave: ["Forget it. I'll sort it out myself."]

pass_score: 60                  # average empathy score a learner needs to pass

scripts:                        # scripted learner conversations, played through the bot
  - name: empathic
    expect: resolved            # resolved | escalated | abandoned
    replies:
      - "I'm so sorry, Sam, three weeks is far too long and I can see why you're worried."
      - "I'll send a replacement today by express delivery, so it reaches you on Thursday."
  - name: dismissive
    expect: escalated
    replies:
      - "Calm down, it's only a parcel."
      - "Policy is policy."
`;
}
