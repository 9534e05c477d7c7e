"""Names and places: extraction from real sentences, the story-wide entity index, and cross-outlet groups."""

from __future__ import annotations

import pytest

from generator.align.base import StoryContext
from generator.align.names import align_names, align_places
from generator.entities import EntityIndex, fold, person_match, spelling_conflicts, tokens_match
from generator.extract.names import extract
from generator.model import Mention, Span
from tests.conftest import make_source

ZARIF_S3 = (
    "Iran has had its revenge and will not seek “escalation” unless attacked, Iran’s foreign minister "
    "Javad Zarif declared.\n“We do not seek escalation or war, but will defend ourselves against any "
    "aggression,” Zarif tweeted."
)
KHAMENEI_S2 = (
    "The strike was described by Iranian Supreme Leader Ayatollah Ali Khamenei as a “slap in the face” for Washington."
)
PICKELL_AGE = (
    "Sheriff's deputies and state police chased him for 48km, including through a construction zone, at speeds "
    "up to 193km / h before he finally pulled over after about 15 minutes, Genesee County Sheriff Robert J "
    "Pickell said."
)
NYT_TROY = (
    "The suspect, identified as Anthony LaCalamita, 38, had been fired.\n"
    "Mr. LaCalamita, 38, who was still listed on the firm’s Web site as a member of its “professional staff,” "
    "had been dismissed last week, the police said."
)
TRUMP_S0 = (
    "President Trump’s tweets and threats did not deter Iran’s leaders from making the strikes. "
    "It seems that Trump intended to “scare” the Iranian regime."
)
GRAY_S3 = "Gray’s older sister, Mahnefah Gray, 19, told the New York Times that she was arrested."
GRAY_RT_ONE = (
    "Sixteen-year-old Kimani Gray was shot and killed on Saturday night after pointing a gun at two plainclothes "
    "officers who approached him, police said.\n"
    "Witnesses said that Gray, who was running for his life when he was shot, did not have a gun."
)
GRAY_RT_TWO = GRAY_RT_ONE + (
    "\nHis sister, Mahnefah Gray, told NY1 she doubted her brother was carrying a gun, but was rather grabbing his "
    "belt “to squeeze it” because he had a “skinny waist.”"
)


def _names(article, text: str) -> list[tuple[str, str, str, str]]:
    """(kind, text as written, value, title) for each mention."""
    return [(m.kind, m.text, m.value, m.words[0] if m.words else "") for m in extract(article(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ZARIF_S3,
            {("name", "Javad Zarif", "Javad Zarif", "foreign minister"), ("name", "Zarif", "Javad Zarif", "")},
        ),
        (KHAMENEI_S2, {("name", "Ali Khamenei", "Ali Khamenei", "Supreme Leader Ayatollah")}),
        (PICKELL_AGE, {("name", "Robert J Pickell", "Robert J Pickell", "Sheriff")}),
        (
            "Sgt. Mourad Mourad and Officer Jovaniel Cordova",
            {
                ("name", "Mourad Mourad", "Mourad Mourad", "Sgt."),
                ("name", "Jovaniel Cordova", "Jovaniel Cordova", "Officer"),
            },
        ),
        (
            "The mastermind of the plan would work.\n\nMaj. Gen.\xa0Qassim Suleimani, the leader of the Quds Force.",
            {("name", "Qassim Suleimani", "Qassim Suleimani", "Maj. Gen.")},
        ),
        (
            NYT_TROY,
            {
                ("name", "Anthony LaCalamita", "Anthony LaCalamita", ""),
                ("name", "LaCalamita", "Anthony LaCalamita", "Mr."),
            },
        ),
    ],
)
def test_people_values_titles_and_short_forms(article, text, expected):
    found = {n for n in _names(article, text) if n[0] == "name"}
    assert expected <= found
    assert all(n[1] not in ("Supreme", "Ayatollah", "Genesee County Sheriff") for n in found)


def test_offsets_hold_and_possessive_is_trimmed(article):
    doc = article(GRAY_S3)
    mentions = extract(doc)
    assert all(doc.text[m.start : m.end] == m.text for m in mentions)
    assert all(not m.text.endswith(("’s", "'s")) for m in mentions)
    people = {(m.text, m.value) for m in mentions if m.kind == "name" and not m.key.startswith("org:")}
    assert people == {("Mahnefah Gray", "Mahnefah Gray")}


@pytest.mark.parametrize(("text", "value"), [(GRAY_RT_ONE, "Kimani Gray"), (GRAY_RT_TWO, "Gray")])
def test_bare_surname_resolves_only_when_one_person_has_it(article, text, value):
    bare = [m for m in extract(article(text)) if m.text == "Gray"]
    assert bare and all(m.value == value for m in bare)


def test_trump_tagged_as_organisation_is_repaired(article):
    kinds = {(m.text, m.key) for m in extract(article(TRUMP_S0)) if m.text == "Trump"}
    assert kinds and all(not key.startswith("org:") for _, key in kinds)


def test_nationalities_and_opening_words_are_not_places(article):
    places = {m.text for m in extract(article(TRUMP_S0)) if m.kind == "place"}
    assert "Iranian" not in places
    assert "Iran" in places
    opening = "Notwithstanding, Ankara and Washington are divided over Syria."
    assert {m.text for m in extract(article(opening)) if m.kind == "place"} == {"Ankara", "Washington", "Syria"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("qasem", "qassim", True),
        ("soleimani", "suleimani", True),
        ("giannis", "yiannis", True),
        ("elias", "ilias", True),
        ("carolos", "karolos", True),
        ("wolfe", "wolff", True),
        ("mahnefah", "mahnefeh", True),
        ("advisors", "advisers", True),
        ("paul", "maria", False),
        ("martin", "martina", False),
        ("iran", "iraq", False),
        ("lee", "li", False),
    ],
)
def test_token_variants(a, b, same):
    assert tokens_match(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same", "conflict"),
    [
        ("Zarif", "Mohammad Javad Zarif", True, False),
        ("Javad Zarif", "Mohammad Javad Zarif", True, False),
        ("Foreign Minister Javad Zarif", "Zarif", True, False),
        ("Anthony LaCalamita", "Anthony LaCalamita III", True, False),
        ("Mr. LaCalamita", "Anthony LaCalamita III", True, False),
        ("Qasem Soleimani", "Qassim Suleimani", True, True),
        ("Maj. Gen. Qassem Suleimani", "Qassem Soleimani", True, True),
        ("Carolos Papoulias", "Karolos Papoulias", True, True),
        ("Ilene Wolfe", "Ilene Wolff", True, True),
        ("Qāsem Soleimani", "Qasem Soleimani", True, False),
        ("Paul Riva", "Maria Riva", False, False),
        ("Kimani Gray", "Mahnefah Gray", False, False),
    ],
)
def test_person_variants(a, b, same, conflict):
    assert person_match(a, b) is same
    assert spelling_conflicts(a, b) is conflict


def _m(kind: str, source: str, value: str, org: bool = False) -> Mention:
    text = value
    return Mention(
        kind=kind,
        source=source,
        start=0,
        end=len(text),
        text=text,
        sentence=Span(0, len(text)),
        value=value,
        key=("org:" + value) if org else value,
        extractor="names@test",
    )


SOLEIMANI = [
    _m("name", "s0", "Qassem Soleimani"),
    _m("name", "s1", "Qasem Soleimani"),
    _m("name", "s2", "Qasem Soleimani"),
    _m("name", "s3", "Qassem Soleimani"),
    _m("name", "s4", "Qasem Soleimani"),
    _m("name", "s4", "Qassim Suleimani"),
]
ZARIF = [
    _m("name", "s0", "Javad Zarif"),
    _m("name", "s2", "Mohammad Javad Zarif"),
    _m("name", "s3", "Zarif"),
    _m("name", "s4", "Mohammad Javad Zarif"),
]
TROY = [
    _m("name", "s5", "Paul Riva"),
    _m("name", "s6", "Paul Riva"),
    _m("name", "s9", "Maria Riva"),
    _m("name", "s8", "Riva"),
    _m("name", "s1", "Gordon Advisors", org=True),
    _m("name", "s2", "Gordon Advisors", org=True),
    _m("name", "s3", "Gordon Advisers", org=True),
    _m("name", "s3", "Gordon Advisers"),
]


def test_index_resolves_variants_to_the_canonical_name():
    index = EntityIndex.build(SOLEIMANI + ZARIF)
    assert index.resolve("Qassim Suleimani") == "Qasem Soleimani"
    assert index.resolve("Zarif") == "Mohammad Javad Zarif"
    assert index.resolve("Iranian Foreign Minister Javad Zarif") == "Mohammad Javad Zarif"
    assert index.resolve("the foreign minister") == "the foreign minister"
    assert index.same("Zarif", "Mohammad Javad Zarif")
    assert index.same("Qassem Suleimani", "Qasem Soleimani")
    assert not index.same("Zarif", "Qasem Soleimani")
    assert not index.same(None, "Zarif")


def test_shared_surname_stays_apart_and_bare_surname_unresolved():
    index = EntityIndex.build(TROY)
    assert index.resolve("Paul Riva") != index.resolve("Maria Riva")
    assert index.resolve("Riva") == "Riva"
    assert not index.same("Riva", "Paul Riva")
    assert index.resolve("Gordon Advisers") == "Gordon Advisors"


def _ctx(mentions):
    sources = {m.source: make_source("x", m.source) for m in mentions}
    return StoryContext("s", sources, EntityIndex.build(mentions))


def test_groups_and_verdicts():
    mentions = SOLEIMANI + ZARIF + TROY
    groups = {g.label: g for g in align_names(mentions, _ctx(mentions))}
    soleimani = groups["Qasem Soleimani"]
    assert soleimani.status == "differ"
    assert "Qasem Soleimani (s1, s2, s4)" in soleimani.verdict and "Qassim Suleimani (s4)" in soleimani.verdict
    assert groups["Mohammad Javad Zarif"].status == "agree"
    assert len(groups["Mohammad Javad Zarif"].mentions) == 4
    assert groups["Gordon Advisors"].status == "differ"
    assert groups["Paul Riva"].status == "agree" and groups["Maria Riva"].status == "single"
    assert groups["Riva"].status == "single"


def test_places_need_exact_one_word_names():
    mentions = [
        _m("place", "a", "Austria"),
        _m("place", "b", "Australia"),
        _m("place", "a", "Baghdad International Airport"),
        _m("place", "b", "Baghdad International Airport"),
    ]
    groups = {g.label: g.status for g in align_places(mentions, _ctx(mentions))}
    assert groups == {"Austria": "single", "Australia": "single", "Baghdad International Airport": "agree"}


def test_fold():
    assert fold("Qāsem Soleimani’s") == "qasem soleimani"
    assert fold("U.S.") == "us"
