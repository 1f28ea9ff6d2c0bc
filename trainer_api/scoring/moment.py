"""What the moment in the conversation calls for, and the 0-100 score it gives.

The rubric levels describe what a reply does; the score weighs them by what
the customer needs at that point (RUBRIC.md, "The moment matters"):

=========  ====  =========  ==============  ===========  =========  ==========  ======
moment     base  emotional  interpretation  exploration  ownership  resolution  strong
=========  ====  =========  ==============  ===========  =========  ==========  ======
complaint   35       5             5              5          10         20        10
question    30      10            10             10          10         35         5
resolved    50      25            10              5          10         10        10
grief       30      25            10              5           0         15        10
repeat      25       5             5             10          15         30        15
=========  ====  =========  ==============  ===========  =========  ==========  ======

score = base + sum(weight x level / 2) + strong if some dimension is at level
2, clamped to 0-100. A dimension at level 2 earns its whole weight, at level 1
half; doing one thing fully earns ``strong`` on top, whatever it is. The
table is fitted (non-negative least squares, rounded to 5:
``python -m tools.scorer.fit_moments``) to coaches' whole-reply judgements of
the training writers' replies without penalties: poor 20, developing 50, good
70, excellent 90. So a warm closing once the problem is solved, a direct
answer to a question, or a plain condolence to a grieving customer reaches
"good" on its own, while an upset customer with an open problem needs help
and warmth together.

Then, in order:

* an apology already made in this conversation need not be made again:
  emotional_reaction and ownership count at least level 1 once an earlier
  reply reached level 1 in them (``context["earlier_levels"]``);
* penalties: each costs its weight (blame 25, dismissal 25, policy_wall 25,
  hostility 35) and the score is capped at ``PENALTY_CAP`` (a reply that
  blames, dismisses, stonewalls or mocks is poor whatever else it does;
  coaches rated 97 % of such replies poor);
* a reply that leans on stock corporate phrases ("we value your business",
  "your satisfaction is our priority") and does nothing fully (no dimension
  at level 2) is capped at ``FILLER_CAP``: length earns nothing;
* a reply that fully does what the customer is waiting for, when the caller
  says what that is (``context["called_for"]``: the rubric dimensions of the
  scenario's current need, e.g. ownership for "the agent owns the letter"),
  scores at least ``NEED_MET_FLOOR`` (good), unless it also penalises;
* a reply that repeats an earlier reply is capped at ``REPEAT_CAP``.

The moment comes from ``context["moment"]`` when the caller knows it;
otherwise "resolved" when ``context["needs_open"]`` is an empty list (every
need met), else the model's reading of the customer's last message, which is
never "resolved" while ``needs_open`` lists a need (a relieved "thank you"
mid-call is not the end of the call).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from .result import DIMENSION_WEIGHTS, DIMENSIONS, PENALTY_WEIGHTS

MOMENTS = ("complaint", "question", "resolved", "grief", "repeat")
DEFAULT_MOMENT = "complaint"
BASE = {"complaint": 35, "question": 30, "resolved": 50, "grief": 30, "repeat": 25}
WEIGHTS: dict[str, dict[str, int]] = {
    "complaint": dict(zip(DIMENSIONS, (5, 5, 5, 10, 20), strict=True)),
    "question": dict(zip(DIMENSIONS, (10, 10, 10, 10, 35), strict=True)),
    "resolved": dict(zip(DIMENSIONS, (25, 10, 5, 10, 10), strict=True)),
    "grief": dict(zip(DIMENSIONS, (25, 10, 5, 0, 15), strict=True)),
    "repeat": dict(zip(DIMENSIONS, (5, 5, 10, 15, 30), strict=True)),
}
STRONG = {"complaint": 10, "question": 5, "resolved": 10, "grief": 10, "repeat": 15}
TIP_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "complaint": DIMENSIONS,
    "question": DIMENSIONS,
    "resolved": ("emotional_reaction", "interpretation"),
    "grief": ("emotional_reaction", "interpretation", "exploration", "resolution"),
    "repeat": DIMENSIONS,
}
"""What a tip may propose at each moment: no fix to a customer whose problem
is solved, no ownership speech to a grieving one."""
APOLOGY_DIMENSIONS = ("emotional_reaction", "ownership")
PENALTY_CAP = 35
FILLER_CAP = 35
REPEAT_CAP = 40
NEED_MET_FLOOR = 70


def given_moment(context: Mapping[str, Any] | None) -> str | None:
    """The moment the caller states or implies, or None to read it from the text."""
    context = context or {}
    stated = context.get("moment")
    if isinstance(stated, str) and stated in MOMENTS:
        return stated
    needs = context.get("needs_open")
    if isinstance(needs, list | tuple) and not needs:
        return "resolved"
    return None


def excluded_moments(context: Mapping[str, Any] | None) -> tuple[str, ...]:
    """Moments the text must not be read as: not a closing while needs are open."""
    needs = (context or {}).get("needs_open")
    if isinstance(needs, list | tuple) and needs:
        return ("resolved",)
    return ()


def earlier_levels(context: Mapping[str, Any] | None) -> dict[str, int]:
    """Best level per dimension in the learner's earlier replies (if given)."""
    raw = (context or {}).get("earlier_levels")
    if not isinstance(raw, Mapping):
        return {}
    return {
        d: int(v)
        for d, v in raw.items()
        if d in DIMENSIONS and isinstance(v, int) and not isinstance(v, bool)
    }


def credited_levels(
    levels: Mapping[str, int], earlier: Mapping[str, int]
) -> dict[str, int]:
    """Levels after crediting an apology already made (see module docstring)."""
    credited = dict(levels)
    for dimension in APOLOGY_DIMENSIONS:
        if earlier.get(dimension, 0) >= 1:
            credited[dimension] = max(credited[dimension], 1)
    return credited


def moment_score(
    levels: Mapping[str, int],
    penalties: Sequence[str],
    moment: str,
    *,
    repeated: bool = False,
    filler: bool = False,
    called_for: Sequence[str] = (),
) -> int:
    """The 0-100 score of levels and penalties at ``moment`` (table above)."""
    if moment not in BASE:
        moment = DEFAULT_MOMENT
    weights = WEIGHTS[moment]
    raw = BASE[moment] + sum(weights[d] * levels[d] / 2 for d in DIMENSIONS)
    if max(levels[d] for d in DIMENSIONS) == 2:
        raw += STRONG[moment]
    if penalties:
        raw = min(raw - sum(PENALTY_WEIGHTS[p] for p in penalties), PENALTY_CAP)
    elif any(levels.get(d, 0) == 2 for d in called_for):
        raw = max(raw, NEED_MET_FLOOR)
    if filler and max(levels[d] for d in DIMENSIONS) < 2:
        raw = min(raw, FILLER_CAP)
    score = math.floor(min(100.0, max(0.0, raw)) + 0.5)
    return min(score, REPEAT_CAP) if repeated else score


def tip_priorities(moment: str, wanted: Sequence[str] = ()) -> dict[str, int]:
    """How much a tip on each dimension matters now: the rubric's own weights
    for the dimensions the moment allows, what the customer waits for first."""
    allowed = TIP_DIMENSIONS.get(moment, DIMENSIONS)
    return {
        d: (DIMENSION_WEIGHTS[d] + (100 if d in wanted else 0)) if d in allowed else 0
        for d in DIMENSIONS
    }


def called_for(context: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The rubric dimensions the customer's current need calls for (if given)."""
    raw = (context or {}).get("called_for")
    if not isinstance(raw, list | tuple):
        return ()
    return tuple(d for d in raw if d in DIMENSIONS)
