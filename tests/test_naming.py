"""Names a reader sees when the input gives none: outlets from file names, story titles from headlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.naming import outlet_from_filename, story_title

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "devset"


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("01_thenational", "The National"),  # athens_bank_fire_2010
        ("05_skynews", "Sky News"),  # athens_bank_fire_2010
        ("05_breitbart", "Breitbart"),  # netanyahu_iran_files_2018: "bre it bart" is no reading of it
        ("04_napavalleyregister", "Napa Valley Register"),  # geysers_quake_2013
        ("01_kgo-abc7", "Kgo Abc7"),  # geysers_quake_2013: a number stays with the name before it
        ("05_nydailynews", "NY Daily News"),  # kimani_gray_2013: a short piece with no vowel is in capitals
        ("01_ny1", "NY1"),  # queens_hit_and_run_2013
        ("04_cbsnewyork", "CBS New York"),  # queens_hit_and_run_2013
        ("01_wsj", "WSJ"),  # amd_seamicro_2012
        ("05_ctvnews", "CTV News"),  # warren_jeffs_trial_2011
        ("BBC_News", "BBC News"),  # capitals of its own are kept
        ("USAToday", "USAToday"),
        ("2020", "2020"),  # nothing but a number: kept rather than emptied
    ],
)
def test_outlet_from_filename(stem, expected):
    assert outlet_from_filename(stem) == expected


def headlines(cluster: str) -> list[str]:
    return [p.read_text(encoding="utf-8").splitlines()[0] for p in sorted((DEVSET / cluster).glob("*.txt"))]


@pytest.mark.parametrize(
    ("cluster", "must_have"),
    [
        ("athens_bank_fire_2010", {"bank"}),
        ("geysers_quake_2013", {"4.6", "quake"}),
        ("troy_office_shooting_2007", {"office", "shooting"}),
    ],
)
def test_story_title_is_the_most_central_headline(cluster, must_have):
    lines = headlines(cluster)
    title = story_title(cluster, lines)
    assert title in lines
    assert all(w in title.lower() for w in must_have), title
    assert title != story_title(cluster, [])  # not the folder name


def test_story_title_without_headlines_reads_the_folder_name():
    assert story_title("kimani_gray_2013", []) == "Kimani gray 2013"
    assert story_title("x", ["  One   headline "]) == "One headline"


def test_story_title_is_deterministic_whatever_the_order():
    lines = headlines("geysers_quake_2013")
    assert story_title("g", lines) == story_title("g", list(reversed(lines)))
