"""The fairness report's arithmetic on a generated population whose answer is
known: every figure below is worked out by hand from POPULATION."""

from __future__ import annotations

import csv
import io
import random

import pytest

from trainer_api.usecases.fairness import Assessed, compute, groups_for, report_csv

# (sex, race/ethnicity): scores above the median, at or below it, decided
# to advance, decided otherwise (the rest are undecided)
POPULATION = {
    ("female", "white"): (30, 20, 15, 15),
    ("female", "black"): (20, 20, 10, 20),
    ("female", None): (10, 0, 0, 0),
    ("male", "white"): (20, 40, 12, 28),
    ("male", "black"): (20, 20, 8, 12),
    ("another", "white"): (2, 1, 1, 0),
    (None, None): (9, 11, 0, 0),
}
# 111 high and 112 low scores: the median is the highest low score, so
# "above the median" is exactly the high ones whatever the scores drawn.


def generate(seed: int) -> list[Assessed]:
    rng = random.Random(seed)
    people = []
    for (sex, race), (high, low, advance, other) in POPULATION.items():
        n = high + low
        scores = [rng.randint(61, 100) for _ in range(high)]
        scores += [rng.randint(0, 40) for _ in range(low)]
        decisions = ["advance"] * advance
        decisions += [rng.choice(("hold", "reject")) for _ in range(other)]
        decisions += [None] * (n - len(decisions))
        rng.shuffle(decisions)  # decisions are independent of scores
        people += [
            Assessed(score=s, decision=d, sex=sex, race_ethnicity=race)
            for s, d in zip(scores, decisions, strict=True)
        ]
    # unfinished conversations are in the sample but have no score
    people.append(
        Assessed(score=None, decision=None, sex="female", race_ethnicity="white")
    )
    rng.shuffle(people)
    return people


def by_category(report: dict, group: str) -> dict[str, dict]:
    [grouping] = [g for g in report["groups"] if g["group"] == group]
    return {row["category"]: row for row in grouping["categories"]}


@pytest.fixture(params=[1, 2, 3])
def report(request: pytest.FixtureRequest) -> dict:
    return compute(
        generate(request.param),
        groups_for(["sex", "race_ethnicity"]),
        min_group=1,
    )


def test_the_sample_and_its_median(report: dict) -> None:
    assert report["sample"] == 224
    assert report["scored"] == 223
    assert report["median_score"] <= 40
    assert report["decided"] == 121


def test_scoring_and_selection_rates_by_sex(report: dict) -> None:
    sex = by_category(report, "sex")
    assert [g["unknown"] for g in report["groups"] if g["group"] == "sex"] == [20]
    female, male, another = sex["female"], sex["male"], sex["another"]
    assert (female["count"], female["scored"], female["above_median"]) == (101, 100, 60)
    assert female["scoring_rate"] == pytest.approx(0.6)
    assert male["scoring_rate"] == pytest.approx(0.4)
    assert male["scoring_impact_ratio"] == pytest.approx(2 / 3)
    assert male["scoring_below_four_fifths"] is True
    assert female["scoring_impact_ratio"] == 1.0
    # 3 of 224 is under 2 %: marked, left out of the reference, never flagged
    assert another["small"] is True and female["small"] is False
    assert another["scoring_rate"] == pytest.approx(2 / 3)
    assert another["scoring_impact_ratio"] == pytest.approx(10 / 9)
    assert female["selection_rate"] == pytest.approx(25 / 60)
    assert male["selection_rate"] == pytest.approx(20 / 60)
    # exactly four fifths is not below four fifths
    assert male["selection_impact_ratio"] == pytest.approx(0.8)
    assert male["selection_below_four_fifths"] is False


def test_rates_by_race_and_ethnicity(report: dict) -> None:
    race = by_category(report, "race_ethnicity")
    assert [
        g["unknown"] for g in report["groups"] if g["group"] == "race_ethnicity"
    ] == [30]
    white, black = race["white"], race["black"]
    assert (white["count"], black["count"]) == (114, 80)
    assert white["scoring_rate"] == pytest.approx(52 / 113)
    assert black["scoring_rate"] == pytest.approx(0.5)
    assert white["scoring_impact_ratio"] == pytest.approx((52 / 113) / 0.5)
    assert not white["scoring_below_four_fifths"]
    assert white["selection_rate"] == pytest.approx(28 / 71)
    assert black["selection_impact_ratio"] == pytest.approx((18 / 50) / (28 / 71))


def test_intersections_flag_what_the_margins_hide(report: dict) -> None:
    both = by_category(report, "sex x race_ethnicity")
    assert [
        g["unknown"] for g in report["groups"] if g["group"] == "sex x race_ethnicity"
    ] == [30]
    assert set(both) == {
        "female x white",
        "female x black",
        "male x white",
        "male x black",
        "another x white",
    }
    assert both["male x white"]["scoring_impact_ratio"] == pytest.approx((1 / 3) / 0.6)
    assert both["male x white"]["scoring_below_four_fifths"] is True
    assert both["female x black"]["scoring_below_four_fifths"] is False
    flagged = {name for name, row in both.items() if row["selection_below_four_fifths"]}
    assert flagged == {"female x black", "male x white"}
    assert both["male x black"]["selection_impact_ratio"] == pytest.approx(0.8)


def test_small_groups_have_their_rates_withheld() -> None:
    report = compute(generate(1), groups_for(["sex"]), min_group=5)
    another = by_category(report, "sex")["another"]
    assert another["count"] == 3 and another["withheld"] is True
    assert another["scoring_rate"] is None and another["above_median"] is None
    assert another["selection_rate"] is None and another["selected"] is None
    assert by_category(report, "sex")["female"]["scoring_rate"] == pytest.approx(0.6)


def test_a_best_rate_of_zero_gives_no_ratio() -> None:
    people = [
        Assessed(score=10, decision="reject", sex=sex, race_ethnicity=None)
        for sex in ("female", "male") * 10
    ]
    sex = by_category(compute(people, ["sex"], min_group=1), "sex")
    assert sex["female"]["selection_rate"] == 0
    assert sex["female"]["selection_impact_ratio"] is None
    assert sex["female"]["selection_below_four_fifths"] is False


def test_an_empty_round_reports_nothing_without_failing() -> None:
    report = compute([], groups_for(["sex", "race_ethnicity"]), min_group=5)
    assert report["sample"] == 0 and report["median_score"] is None
    assert all(g["categories"] == [] and g["unknown"] == 0 for g in report["groups"])
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert rows[0][:3] == ["group", "category", "count"]


def test_the_csv_carries_every_category_and_the_unknowns(report: dict) -> None:
    rows = list(csv.DictReader(io.StringIO(report_csv(report))))
    male = next(r for r in rows if r["group"] == "sex" and r["category"] == "male")
    assert male["scoring_rate"] == "0.4000"
    assert male["scoring_below_four_fifths"] == "True"
    unknown = next(
        r for r in rows if r["group"] == "sex" and r["category"] == "unknown"
    )
    assert unknown["count"] == "20"
    small = next(r for r in rows if r["category"] == "another")
    assert small["under_2_percent"] == "True"
