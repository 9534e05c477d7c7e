"""Copies are not corroboration: wire texts shared by outlets are found per story, from the real dev-set articles."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import SHARED, run_build

from generator import copies
from generator.ingest import read_corpus
from generator.model import Span

DEVSET = SHARED / "devset"


def _sources(cluster: str) -> dict[str, object]:
    return {s.id: s for s in read_corpus(DEVSET / cluster, 5_000_000).sources}


@pytest.mark.parametrize(
    ("cluster", "groups"),
    [
        # one wire text in The National and the Inquirer, news.com.au shares several of its sentences; another in
        # USA Today and Fox News (the agency is named in none of them)
        ("athens_bank_fire_2010", [("01-thenational", "02-inquirer", "04-newscomau"), ("03-usatoday", "08-foxnews")]),
        ("warren_jeffs_trial_2011", [("04-huffingtonpost", "05-ctvnews")]),  # the same AP text almost word for word
        ("troy_office_shooting_2007", [("02-usatoday", "03-theage"), ("06-foxnews", "07-accountingweb")]),
        # trap: KGO and Rohnert Park Patch share their two opening sentences, not an article
        ("geysers_quake_2013", []),
        # trap: independent outlets quoting the same long statements (Perez, Parscale) are not copies
        ("dnc_russia_lawsuit_2018", []),
        ("kimani_gray_2013", []),
        ("queens_hit_and_run_2013", []),
    ],
)
def test_copy_groups_per_cluster(cluster, groups):
    found = copies.detect(list(_sources(cluster).values()))
    assert [g.sources for g in found] == groups
    for g in found:
        assert all(p.shared_sentences >= copies.COPY_SENTENCES for p in g.pairs)


def test_two_shared_opening_sentences_are_counted_but_are_not_a_copy():
    s = _sources("geysers_quake_2013")
    pair = copies.compare(s["01-kgo-abc7"], s["06-rohnertpark-patch"])
    assert pair.shared_sentences == 2 and pair.share > 0.5  # most of the short Patch item...
    assert not copies.is_copy(pair)  # ...but two sentences are a shared lead, not a shared article


def test_short_shared_boilerplate_is_no_evidence():
    """A credit line and a sign-off both outlets print are shorter than a sentence of reporting."""
    s = _sources("kimani_gray_2013")
    boiler = "\nThe Associated Press contributed to this report.\nFollow us on Twitter.\nPolice said.\n"
    a, b = (s["01-gothamist"], s["05-nydailynews"])
    a = replace(a, text=a.text + boiler * 3, body=Span(a.body.start, len(a.text) + len(boiler) * 3))
    b = replace(b, text=b.text + boiler * 3, body=Span(b.body.start, len(b.text) + len(boiler) * 3))
    pair = copies.compare(a, b)
    assert pair.shared_sentences == 0 and not copies.is_copy(pair)


@pytest.mark.parametrize(
    ("cluster", "source", "credit"),
    [
        ("dnc_russia_lawsuit_2018", "01-huffpost-reuters", "Reuters"),
        ("netanyahu_iran_files_2018", "01-huffpost-reuters", "Reuters"),
        ("warren_jeffs_trial_2011", "06-cnn", None),
    ],
)
def test_dateline_credit(cluster, source, credit):
    assert copies.dateline_credit(_sources(cluster)[source]) == credit


def test_copy_note_counts_independent_texts():
    groups = copies.detect(list(_sources("athens_bank_fire_2010").values()))
    outlets = {"01-thenational": "The National", "02-inquirer": "Inquirer", "03-usatoday": "USA Today"}
    assert copies.independent(["01-thenational", "02-inquirer", "04-newscomau"], groups) == 1
    assert copies.independent(["01-thenational", "03-usatoday", "07-reuters"], groups) == 3
    assert copies.copy_note(["01-thenational", "02-inquirer"], groups, outlets) == (
        "2 outlets, one text: not independent confirmation (The National and Inquirer carry one text)"
    )
    assert copies.copy_note(["01-thenational", "02-inquirer", "03-usatoday"], groups, outlets) == (
        "3 outlets, 2 independent texts (The National and Inquirer carry one text)"
    )
    assert copies.copy_note(["01-thenational", "03-usatoday"], groups, outlets) is None


def test_published_data_and_verdicts_say_which_outlets_are_one_text(tmp_path):
    seeds = DEVSET / "warren_jeffs_trial_2011"
    result = run_build(seeds, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    story = json.loads((tmp_path / "site" / "data" / "comparison.json").read_text(encoding="utf-8"))["stories"][0]
    assert [g["sources"] for g in story["copies"]] == [["04-huffingtonpost", "05-ctvnews"]]
    assert story["copies"][0]["evidence"][0]["shared_sentences"] >= 30
    only_copies = [
        f
        for f in story["facts"]
        if f["status"] != "single" and {m["source"] for m in f["mentions"]} == {"04-huffingtonpost", "05-ctvnews"}
    ]
    assert only_copies
    for fact in only_copies:
        assert fact["independent_sources"] == 1
        assert "one text: not independent confirmation" in fact["verdict"]
    others = [f for f in story["facts"] if "04-huffingtonpost" not in {m["source"] for m in f["mentions"]}]
    assert all(f["independent_sources"] == len({m["source"] for m in f["mentions"]}) for f in others)
    page = (tmp_path / "site" / "stories").rglob("index.html")
    assert any("carry one text" in p.read_text(encoding="utf-8") for p in page)
