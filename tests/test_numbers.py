"""Reported numbers: real sentences from the demo and dev-set articles, and the traps they hold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.align.base import StoryContext
from generator.align.numbers import align_numbers
from generator.entities import EntityIndex
from generator.extract.numbers import extract
from generator.model import Quantity

REF = date(2020, 1, 8)


def _numbers(article, text, source_id="a", published=REF):
    return extract(article(text, source_id, published))


@pytest.mark.parametrize(
    ("text", "fragment", "key", "low", "high"),
    [
        (
            "Iran launched 15 missiles at two bases housing American troops in Iraq Tuesday night.",
            "15 missiles",
            "missiles|fired",
            15,
            15,
        ),
        (
            "Iran launched 15 missiles at two bases housing American troops in Iraq Tuesday night.",
            "two bases",
            "bases|struck",
            2,
            2,
        ),
        ("Police said 12 people were injured in the riots.", "12 people", "people|injured", 12, 12),
        (
            "The 170,000-square-foot building houses a number of businesses.",
            "170,000-square-foot",
            "area|building",
            Decimal("15793.52"),
            None,
        ),
        ("Police chased him at speeds of more than 100 mph.", "more than 100 mph", "speed", Decimal("160.9344"), None),
        (
            "At least 46 demonstrators were arrested along Church Ave. in East Flatbush.",
            "At least 46 demonstrators",
            "people|arrested",
            46,
            None,
        ),
        ("He pointed a .357 caliber revolver at them.", ".357 caliber", "caliber", Decimal(".357"), Decimal(".357")),
    ],
)
def test_extracts_counted_thing_event_and_interval(article, text, fragment, key, low, high):
    found = {m.text: m for m in _numbers(article, text)}
    m = found[fragment]
    assert m.key == key
    if isinstance(low, Decimal) and low.as_tuple().exponent < -1:
        assert abs(m.quantity.low - low) < Decimal("0.01")
    else:
        assert m.quantity.low == low
    if high is None:
        assert m.quantity.high is None or m.quantity.high >= m.quantity.low
    elif isinstance(high, int):
        assert m.quantity.high == high


def test_ages_are_keyed_by_person(article):
    ms = _numbers(
        article, "The suspect, 38-year-old Anthony LaCalamita, shot three people. Anthony LaCalamita, 38, of Troy."
    )
    ages = [m for m in ms if m.quantity.counted == "age"]
    assert {m.key for m in ages} == {"age|lacalamita"}
    assert all(m.quantity.low == 38 for m in ages)


@pytest.mark.parametrize(
    "text",
    [
        "The deal was signed in 2015 under Article 51 of the charter.",
        "It was followed by an aftershock at 2:12 a.m. on January 3.",
    ],
)
def test_years_ids_and_times_are_not_counts(article, text):
    assert not [m for m in _numbers(article, text) if m.quantity.counted not in ("magnitude",)]


def test_vague_amounts_are_intervals(article):
    ms = _numbers(article, "Israel had obtained hundreds of thousands of Iranian files.")
    m = next(m for m in ms if "hundreds" in m.text)
    assert (m.quantity.low, m.quantity.high, m.quantity.counted) == (200_000, 999_999, "files")


def test_background_paragraph_keeps_its_own_key(article):
    text = (
        "A Michigan man shot to death one person and injured two others Monday in Troy.\n"
        "In February, a gunman killed five people and injured several others at a shopping mall in Salt Lake City."
    )
    ms = _numbers(article, text, published=date(2007, 4, 10))
    keys = {m.text: m.key for m in ms}
    assert keys["one person"] == "people|killed"
    assert keys["five people"] != "people|killed"


def _align(article, items):
    ms = [m for sid, text in items for m in _numbers(article, text, sid)]
    ctx = StoryContext("s", {}, EntityIndex.build([]))
    return ms, align_numbers(ms, ctx)


def test_bases_agree_across_wordings_but_missiles_stay_apart(article):
    _, groups = _align(
        article,
        [
            ("s1", "Iran carried out retaliatory missile strikes against two US bases in Iraq Jan. 8."),
            ("s2", "Iranian forces launched an overnight missile strike on two Iraqi facilities housing U.S. troops."),
            ("s3", "Iran launched 15 missiles at two bases housing American troops in Iraq Tuesday night."),
            ("s3", "Ten of the missiles hit Ain al-Asad base and four failed to strike their targets."),
        ],
    )
    by_subject = {g.subject: g for g in groups}
    assert by_subject["bases struck"].status == "agree"
    assert {m.source for m in by_subject["bases struck"].mentions} == {"s1", "s2", "s3"}
    assert all(g.status == "single" for g in groups if "missiles" in g.subject)


@pytest.mark.parametrize(
    ("items", "status", "words"),
    [
        (
            [
                ("u", "Police said 12 people were injured in the riots."),
                ("r", "Police said 18 people had been injured in the violence."),
            ],
            "differ",
            "12 people injured vs 18",
        ),
        (
            [("a", "The chase reached speeds of 120 mph."), ("b", "Police chased him at speeds up to 193km / h.")],
            "agree",
            "Outlets agree",
        ),
        (
            [
                ("a", "The 170,000-square-foot building houses a number of businesses."),
                ("b", "The 15,800-square-metre building houses a number of businesses."),
            ],
            "agree",
            "Outlets agree",
        ),
        (
            [
                ("a", "Police seized a shotgun and several shells."),
                ("b", "Police found a 12-gauge pump-action shotgun and three live shells in the vehicle."),
            ],
            "agree",
            "",
        ),
        (
            [("a", "It had a depth of 1.2 miles."), ("b", "It was on the Maacama Fault with a depth of 12 miles.")],
            "differ",
            "vs",
        ),
    ],
)
def test_verdicts(article, items, status, words):
    ms, groups = _align(article, items)
    multi = [g for g in groups if len({m.source for m in g.mentions}) > 1]
    assert len(multi) == 1 and multi[0].status == status and words in multi[0].verdict


def test_one_outlet_repeating_itself_is_single(article):
    _, groups = _align(article, [("s4", "We have 7,000 years of history. We have 7,000 years of history.")])
    assert groups and all(g.status == "single" for g in groups)


def test_quantity_compatibility_after_conversion():
    assert Quantity(Decimal("193.12"), Decimal("193.12"), "km/h").compatible(
        Quantity(Decimal(193), Decimal(193), "km/h")
    )
    assert not Quantity(Decimal(12), Decimal(12)).compatible(Quantity(Decimal(18), Decimal(18)))
