"""Fact labels written from the fact's parts: real sentences from the demo and four dev-set clusters."""

from __future__ import annotations

from datetime import date

import pytest

from generator.align.base import StoryContext
from generator.align.dates import align as align_dates
from generator.align.numbers import align_numbers
from generator.entities import EntityIndex
from generator.extract.dates import extract as extract_dates
from generator.extract.names import extract as extract_names
from generator.extract.numbers import extract as extract_numbers

REF = date(2013, 3, 14)
ALIGN = {"number": (extract_numbers, align_numbers), "date": (extract_dates, align_dates)}


def _labels(article, kind: str, texts: list[str]) -> dict[str, str]:
    """Each group's first mention text -> its label, aligned across one article per text."""
    extract, align = ALIGN[kind]
    docs = [article(text, f"s{i}", REF) for i, text in enumerate(texts)]
    ms = [m for doc in docs for m in extract(doc)]
    ctx = StoryContext(
        "s",
        {doc.source.id: doc.source for doc in docs},
        EntityIndex.build(ms + [m for doc in docs for m in extract_names(doc)]),
    )
    return {g.mentions[0].text: g.label for g in align(ms, ctx)}


@pytest.mark.parametrize(
    ("kind", "texts", "mention", "label"),
    [
        # demo (Iran missile strike): the thing struck is "hit"; what is fired keeps its verb
        (
            "number",
            ["Iran launched 15 missiles at two bases housing American troops in Iraq."],
            "two bases",
            "Bases hit",
        ),
        (
            "number",
            ["Iran launched 15 missiles at two bases housing American troops in Iraq."],
            "15 missiles",
            "Missiles fired",
        ),
        # kimani_gray_2013: shots that struck, said as a reader says it (not "Shots struck 11 shots struck")
        (
            "number",
            ["Gray, 16, was shot eleven times after police said he pulled out a gun."],
            "eleven times",
            "Shots that hit",
        ),
        (
            "number",
            ["At least 46 demonstrators were arrested along Church Ave. in East Flatbush."],
            "At least 46 demonstrators",
            "People arrested",
        ),
        # troy_office_shooting_2007: a measure of a thing, a count of people by event
        (
            "number",
            ["The 170,000-square-foot building houses a number of businesses."],
            "170,000-square-foot",
            "Area of the building",
        ),
        ("number", ["Two people were injured in the shooting, police said."], "Two people", "People injured"),
        # geysers_quake_2013: magnitude and a distance between places, with the places' capitals restored
        ("number", ["A magnitude 4.6 earthquake struck near The Geysers on Thursday."], "4.6", "Magnitude"),
        (
            "number",
            ["The quake was six miles west of Cobb and seven miles from Anderson Springs."],
            "six miles",
            "Distance from Cobb",
        ),
        # athens_bank_fire_2010: a share of something, sums by currency, a conversion of one sum
        (
            "number",
            ["But markets reacted with alarm as Greek stocks closed down 3.9 percent."],
            "3.9 percent",
            "Percentage for stocks",
        ),
        (
            "number",
            ["Greece gets a 110 billion euro ($141 billion) loan package to keep it from defaulting."],
            "$141 billion",
            "110 billion converted into US dollars",
        ),
        # a counted noun shown as the outlets write it, not as its lemma
        ("number", ["The museum displays 80 paintings and drawings."], "80 paintings", "Paintings"),
        # dates: an event class, and a plain verb as the article writes it (not "Date of the appear")
        ("date", ["Iran attacked bases in Iraq on Tuesday night."], "Tuesday night", "Date of the attack (Iran)"),
        ("date", ["The company appeared on the list on Monday."], "Monday", "Date: appeared"),
    ],
)
def test_label_is_written_from_the_facts_parts(article, kind, texts, mention, label):
    labels = _labels(article, kind, texts)
    assert labels.get(mention) == label, labels


def test_facts_of_one_key_are_told_apart_by_their_figure(article):
    """amd_seamicro_2012: two sums in one article are two facts; each label names its own amount, once."""
    labels = _labels(article, "number", ["AMD paid $334 million for SeaMicro, which had raised $20 million."])
    assert sorted(labels.values()) == ["Sum in US dollars (20 million)", "Sum in US dollars (334 million)"]


@pytest.mark.parametrize(
    ("speaker", "quote", "label"),
    [
        # amd_seamicro_2012: a whole one-word quote is not cut, so it takes no ellipsis
        ("Andrew Feldman", "processor-agnostic", "Andrew Feldman: “processor-agnostic”"),
        # cut right after a full stop (as amd_seamicro_2012's "rapidly.…" was): the ellipsis replaces it
        (
            "Mark Papermaster",
            "It has moved very, very, very, very rapidly. We know that",
            "Mark Papermaster: “It has moved very, very, very, very rapidly…”",
        ),
        # troy_office_shooting_2007, kimani_gray_2013: short quotes as said, long ones cut at eight words
        ("", "It's tough. I want to get out,", "“It's tough. I want to get out,”"),
        (
            "Raymond W. Kelly",
            "The officers said they saw the teenager adjusting his waistband in a suspicious way",
            "Raymond W. Kelly: “The officers said they saw the teenager adjusting…”",
        ),
    ],
)
def test_quote_label_has_an_ellipsis_only_where_the_quote_is_cut(speaker, quote, label):
    from generator.labels import quote_label

    assert quote_label(speaker, quote) == label
