"""Names and places: extraction from real sentences, the story-wide entity index, and cross-outlet groups."""

from __future__ import annotations

import pytest

from generator.align.base import StoryContext
from generator.align.names import align_names, align_places
from generator.entities import EntityIndex, fixed_match, fold, person_match, spelling_conflicts, tokens_match
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
    people = {(m.text, m.value) for m in mentions if m.kind == "name" and m.category == "person"}
    assert people == {("Mahnefah Gray", "Mahnefah Gray")}


@pytest.mark.parametrize(("text", "value"), [(GRAY_RT_ONE, "Kimani Gray"), (GRAY_RT_TWO, "Gray")])
def test_bare_surname_resolves_only_when_one_person_has_it(article, text, value):
    bare = [m for m in extract(article(text)) if m.text == "Gray"]
    assert bare and all(m.value == value for m in bare)


def test_trump_tagged_as_organisation_is_repaired(article):
    kinds = {(m.text, m.category) for m in extract(article(TRUMP_S0)) if m.text == "Trump"}
    assert kinds == {("Trump", "person")}


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
        category="org" if org else ("person" if kind == "name" else ""),
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


GOTHAMIST_52ND = (
    "Police said two Brooklyn South Anti Crime plainclothes officers had been on patrol when they noticed young "
    "males near 473 East 52nd Street."
)
PIX11_52ND = (
    "According to police, Kimani Gray had a .38 caliber Rohm’s Industry revolver and he allegedly pointed it at the "
    "plain clothes officers Saturday night when they approached a group on East 52nd street in East Flatbush."
)
NYDN_52ND = (
    "Many in the community contest police allegations that Gray pointed a gun at cops when he was shot during a "
    "confrontation with two plainclothes officers on E. 52nd St. Saturday night."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOTHAMIST_52ND, {("473 East 52nd Street", "East 52nd Street")}),
        (PIX11_52ND, {("East 52nd street", "East 52nd Street")}),
        (NYDN_52ND, {("E. 52nd St.", "East 52nd Street")}),
        (
            "The trouble Wednesday night began soon after more than 200 people set off from the vigil site at "
            "Church Ave. and E. 55th St. around 8:30 p.m.",
            {("Church Ave.", "Church Avenue"), ("E. 55th St.", "East 55th Street")},
        ),
        (
            "Overnight and into early Tuesday morning, police barricaded Snyder Avenue in front of the 67th precinct "
            "in East Flatbush.",
            {("Snyder Avenue", "Snyder Avenue")},
        ),
        (
            "Between 60 and 100 rioters gathered around Church and Snyder Ave. in East Flatbush and threw bottles.",
            {("Snyder Ave.", "Snyder Avenue")},
        ),
        (
            "“I’m scared for everything, myself, my store, my workers,” said Salm Sami, 45, who owns the Deli, Grill "
            "& Grocery at Church and New York Aves.",
            {("Church", "Church Avenue"), ("New York Aves.", "New York Avenue")},
        ),
        ("First came the shooting: an armed teenager killed by police officers on a darkened Brooklyn street.", set()),
        ("The team flew from Main St. Louis to Chicago on Friday.", set()),
        ("The Wall Street Journal reported that the Snyder Avenue Baptist Church was closed.", set()),
    ],
)
def test_streets_are_spelled_out_without_house_numbers(article, text, expected):
    streets = {(m.text, m.value) for m in extract(article(text)) if m.value.endswith(("Street", "Avenue"))}
    assert streets == expected
    assert all(m.kind == "place" for m in extract(article(text)) if (m.text, m.value) in expected)


def test_two_counties_sharing_one_plural_are_both_counties(article):
    text = "An earthquake measuring 4.6 rattled Sonoma and Lake counties early Thursday."
    places = {(m.text, m.value) for m in extract(article(text)) if m.kind == "place"}
    assert places == {("Sonoma", "Sonoma County"), ("Lake", "Lake County")}


def test_names_holding_a_street_stay_whole(article):
    text = "The Wall Street Journal reported that the Snyder Avenue Baptist Church was closed."
    names = {(m.text, m.value, m.category) for m in extract(article(text))}
    assert names == {
        ("Wall Street Journal", "Wall Street Journal", "org"),
        ("Snyder Avenue Baptist Church", "Snyder Avenue Baptist Church", "org"),
    }


def _story(article, texts: dict[str, str]) -> tuple[list[Mention], StoryContext]:
    """Extract names from one article per outlet and build the story's context over them."""
    mentions = [m for source, text in texts.items() for m in extract(article(text, source))]
    return mentions, _ctx(mentions)


def test_street_written_three_ways_is_one_agreed_place(article):
    mentions, ctx = _story(article, {"gothamist": GOTHAMIST_52ND, "pix11": PIX11_52ND, "nydn": NYDN_52ND})
    street = [g for g in align_places(mentions, ctx) if g.label == "East 52nd Street"]
    assert len(street) == 1 and street[0].status == "agree"
    assert sorted(m.source for m in street[0].mentions) == ["gothamist", "nydn", "pix11"]


KIMANI_STORY = {
    "rt": GRAY_RT_TWO,
    "dailymail": GRAY_S3,
    "nydn": "Police struggled to control a hostile crowd.\nGray’s sister Mahnefeh was among those arrested.",
    "nytimes": (
        "The police said Kimani Gray, 16, pointed a revolver at officers.\n"
        "After officers in riot gear set up a roadblock on Church Avenue, Mr. Gray’s sister Mahnefah tried to cross "
        "the street and was put into a police car."
    ),
}


def test_victim_and_sister_sharing_a_surname_stay_apart(article):
    mentions, ctx = _story(article, KIMANI_STORY)
    groups = {g.label: g for g in align_names(mentions, ctx)}
    victim, sister = groups["Kimani Gray"], groups["Mahnefah Gray"]
    assert {m.value for m in victim.mentions}.isdisjoint({m.value for m in sister.mentions})
    assert all("Mahnef" not in m.text for m in victim.mentions)
    assert sorted({m.source for m in sister.mentions}) == ["dailymail", "nydn", "nytimes", "rt"]
    assert not ctx.entities.same("Gray", "Kimani Gray")


def test_differ_verdict_names_every_outlet_under_its_spelling(article):
    mentions, ctx = _story(article, KIMANI_STORY)
    sister = next(g for g in align_names(mentions, ctx) if g.label == "Mahnefah Gray")
    assert sister.status == "differ"
    assert sister.verdict == "Outlets spell it differently: Mahnefah Gray (dailymail, nytimes, rt) vs Mahnefeh (nydn)"


NYDN_WILLIAMS = (
    "“These kids are angry,” said Makaeo Williams, 20, who lives in the neighborhood.\n"
    "City Councilman Jumaane Williams said he understood the anger.\n"
    "Williams called for calm."
)


@pytest.mark.parametrize(
    ("texts", "same", "apart"),
    [
        (  # first name dropped, title added, middle initial dropped
            {
                "nytimes": "Police Commissioner Raymond W. Kelly said the teenager had a gun. Mr. Kelly spoke late.",
                "insider": "NYPD Commissioner Raymond Kelly said the officers fired 11 shots.",
            },
            [("Mr. Kelly", "Raymond Kelly"), ("Commissioner Raymond W. Kelly", "Raymond Kelly")],
            [],
        ),
        (  # a councilman and a young man sharing a surname in one article
            {"nydn": NYDN_WILLIAMS, "rt": "City Councilman Jumaane D. Williams called for calm."},
            [("Jumaane Williams", "Jumaane D. Williams")],
            [("Makaeo Williams", "Jumaane Williams"), ("Williams", "Makaeo Williams")],
        ),
        (  # transliterations of a Greek first name
            {
                "thenational": "\u201cWe will continue,\u201d said Giannis Panagopoulos, head of GSEE.",
                "usatoday": "\u201cWe will continue,\u201d said Yiannis Panagopoulos, head of GSEE.",
            },
            [("Giannis Panagopoulos", "Yiannis Panagopoulos")],
            [],
        ),
    ],
)
def test_story_index_on_real_sentences(article, texts, same, apart):
    _, ctx = _story(article, texts)
    assert all(ctx.entities.same(a, b) for a, b in same)
    assert not any(ctx.entities.same(a, b) for a, b in apart)


def test_one_outlet_tagging_a_surname_as_organisation_joins_the_person():
    mentions = [_m("name", "a", "Donald Trump"), _m("name", "b", "Trump"), _m("name", "c", "Trump", org=True)]
    groups = align_names(mentions, _ctx(mentions))
    assert [(g.label, g.status, len(g.mentions)) for g in groups] == [("Donald Trump", "agree", 3)]


@pytest.mark.parametrize(("a", "b", "same"), [("52nd", "52nd", True), ("52nd", "53rd", False), ("1200", "1300", False)])
def test_numbered_name_parts_match_exactly(a, b, same):
    assert tokens_match(a, b) is same


# Publishing: names and places are facts only where outlets differ or use them to say who or where.

JEFFS_CP = (
    '"Mr. Jeffs, the court is not going to recess these proceeding to let you go to law school," said U.S. District '
    "Judge Barbara Walther."
)
JEFFS_AP = (
    "Jeffs failed three times to remove state District Judge Barbara Walther from the case, the last rejection "
    "coming even without a hearing."
)
JEFFS_CSM = "He was represented by stand-by counsel, appointed by Judge Barbara Walther."
PICKELL_CNN = "The chase ended without injury, said Sheriff Robert Pickell."
KELLY_NYT = "Police Commissioner Raymond W. Kelly said the teenager had a gun."
KELLY_BI = "NYPD Commissioner Raymond W. Kelly said the officers fired 11 shots."


@pytest.mark.parametrize(
    ("texts", "label", "status", "verdict"),
    [
        (  # warren jeffs: a state judge in the AP text, a federal one in the Christian Post
            {"christianpost": JEFFS_CP, "huffpost": JEFFS_AP, "csmonitor": JEFFS_CSM},
            "Barbara Walther",
            "differ",
            "Outlets give Barbara Walther different offices: U.S. District Judge (christianpost) vs "
            "state District Judge (huffpost)",
        ),
        (  # troy: a county named before one title is the same office
            {"theage": PICKELL_AGE, "cnn": PICKELL_CNN},
            "Robert J Pickell",
            "agree",
            "Outlets agree on the name, written in different forms: Robert J Pickell (theage) vs Robert Pickell (cnn)",
        ),
        (  # kimani gray: the police and the NYPD are not two jurisdictions
            {"nytimes": KELLY_NYT, "insider": KELLY_BI},
            "Raymond W. Kelly",
            "agree",
            "Outlets agree on the name: Raymond W. Kelly",
        ),
    ],
)
def test_offices_of_different_jurisdictions_differ(article, texts, label, status, verdict):
    mentions, ctx = _story(article, texts)
    group = next(g for g in align_names(mentions, ctx) if g.label == label)
    assert (group.status, group.verdict) == (status, verdict)
    assert group.listed


@pytest.mark.parametrize(
    ("texts", "label", "listed"),
    [
        (  # geysers: two outlets place the quake near a town
            {
                "napavalley": "The Napa Valley was shaken at 2:09 a.m. Thursday by a magnitude 4.6 earthquake located "
                "near Clearlake in Lake County, the U.S. Geological Survey reported.",
                "lalate": "Mapping reveals that the quake began near Clearlake, south of Lakeport and west of "
                "Interstate 5.",
            },
            "Clearlake",
            True,
        ),
        (  # queens: the street where she was hit
            {
                "ny1": "Witnesses say 59-year-old Raj Chohan was leaving her car on 117th Street in South Richmond "
                "Hill Friday when she was hit by a silver Toyota Camry and sent flying into the air.",
                "wabc": "It happened around 7 p.m. at 97th Avenue and 117th Street in Richmond Hill.",
            },
            "117th Street",
            True,
        ),
        (  # iran: a region named in passing is scene-setting trivia
            {
                "a": "The strikes raised fears of a wider war in the Middle East.",
                "b": "Oil prices rose on worries about a conflict in the Middle East.",
            },
            "Middle East",
            False,
        ),
        (  # athens: the capital named by every outlet as the scene, with "in"
            {
                "a": "Three people died when protesters set fire to a bank in Athens on Wednesday.",
                "b": "Tens of thousands marched in Athens against the austerity measures.",
            },
            "Athens",
            False,
        ),
    ],
)
def test_places_are_facts_when_they_say_where(article, texts, label, listed):
    mentions, ctx = _story(article, texts)
    group = next(g for g in align_places(mentions, ctx) if g.label == label)
    assert group.status == "agree" and group.listed is listed


@pytest.mark.parametrize(
    ("texts", "label", "verdict"),
    [
        (  # queens: a middle initial in two outlets
            {
                "ny1": "Witnesses say 59-year-old Raj Chohan was leaving her car on 117th Street.",
                "dnainfo": "Police found the unconscious Raj K. Chohan, 59, of College Point, lying in the roadway.",
            },
            "Raj K. Chohan",
            "Outlets agree on the name, written in different forms: Raj Chohan (ny1) vs Raj K. Chohan (dnainfo)",
        ),
        (  # troy: a generational suffix
            {
                "cnn": "Police identified the gunman as 38-year-old Anthony LaCalamita.",
                "nbc": "Anthony LaCalamita III, 38, was arrested after a chase.",
            },
            "Anthony LaCalamita",
            "Outlets agree on the name, written in different forms: Anthony LaCalamita (cnn) vs "
            "Anthony LaCalamita III (nbc)",
        ),
        (  # iran: a given name dropped
            {"s3": ZARIF_S3, "s2": "Iran's Foreign Minister Mohammad Javad Zarif said Iran had taken measures."},
            "Mohammad Javad Zarif",
            "Outlets agree on the name, written in different forms: Javad Zarif (s3) vs Mohammad Javad Zarif (s2)",
        ),
    ],
)
def test_name_forms_are_listed_with_every_outlets_form(article, texts, label, verdict):
    mentions, ctx = _story(article, texts)
    group = next(g for g in align_names(mentions, ctx) if label in {m.value for m in g.mentions})
    assert (group.status, group.verdict, group.listed) == ("agree", verdict, True)


@pytest.mark.parametrize(
    ("texts", "label", "verdict"),
    [
        (  # troy: every outlet under its spelling
            {
                "usatoday": "The families requested privacy, Beaumont Hospital spokeswoman Ilene Wolfe said.",
                "nytimes": "Ilene Wolff, a spokeswoman for the hospital, said that their families had requested "
                "privacy.",
                "accountingweb": "Riva and Steinberg were being treated at Beaumont Hospital, where spokeswoman "
                "Ilene Wolff said the families asked that their conditions not be released.",
            },
            "Ilene Wolff",
            "Outlets spell it differently: Ilene Wolff (accountingweb, nytimes) vs Ilene Wolfe (usatoday)",
        ),
        (  # athens: a transliterated given name
            {
                "newscomau": "Greek President Carolos Papoulias condemned the violence, saying the debt-hit country "
                'had "reached the edge of the abyss".',
                "reuters": '"Our country is on the edge of the abyss," Greek President Karolos Papoulias said in a '
                "statement.",
            },
            "Carolos Papoulias",
            "Outlets spell it differently: Carolos Papoulias (newscomau) vs Karolos Papoulias (reuters)",
        ),
        (  # warren jeffs: one article's one-off slip beside its own right spelling is no difference between outlets
            {
                "christianpost": "The special prosecutor, Eric Nichols, delivered his opening statement. Jeffs "
                "interjected repeatedly during Nichol's response to his speech.",
                "cnn": "Prosecutor Eric Nichols told the jury that Jeffs used his position.",
            },
            "Eric Nichols",
            "Outlets agree on the name: Eric Nichols",
        ),
    ],
)
def test_spelling_verdicts_name_every_outlets_form(article, texts, label, verdict):
    mentions, ctx = _story(article, texts)
    group = next(g for g in align_names(mentions, ctx) if label in {m.value for m in g.mentions})
    assert group.verdict == verdict


NEPHEW_NYDN = "“We are really just shocked,” said her nephew, Ravi Singh, 32, of Coney Island."
NEPHEW_NBC = '"Her forehead hit the back of the headlight, and the headlight broke," said Manpreet Singh.'


@pytest.mark.parametrize(
    ("texts", "different"),
    [
        (  # a different first name for one role is a different person, not a spelling (pelosi-type; constructed)
            {
                "nyt": "House Democrats elected Rep. Linda T. Sánchez of California as vice chair.",
                "fox": "Rep. Loretta Sanchez of California won the race for vice chair.",
            },
            ("Linda T. Sánchez", "Loretta Sanchez"),
        ),
        ({"nydn": NEPHEW_NYDN, "nbc": NEPHEW_NBC}, None),  # queens: NBC names no role in the sentence: left apart
        (  # dnc: a short form of one given name is not another person
            {
                "nytimes": "Mr. Trump added Rudolph W. Giuliani, the former New York City mayor, to his legal team.",
                "foxnews": "Trump's legal team is expanding with the addition of former New York mayor Rudy Giuliani.",
            },
            None,
        ),
        ({"nydn": NYDN_WILLIAMS, "rt": "City Councilman Jumaane D. Williams called for calm."}, None),  # kimani
        (KIMANI_STORY, None),  # kimani: the victim and his sister, named together by most outlets
    ],
)
def test_different_people_with_one_surname(article, texts, different):
    mentions, ctx = _story(article, texts)
    flagged = [g for g in align_names(mentions, ctx) if " or " in g.label]
    if different is None:
        assert flagged == []
    else:
        (group,) = flagged
        assert group.status == "differ"
        assert all(name in group.verdict for name in different)
        assert "a different first name is a different person" in group.verdict


@pytest.mark.parametrize(
    ("cluster", "a", "b", "same"),
    [
        # the tagger stopped one word early: "... of Latter-day" is "... of Latter-day Saints"
        (
            "jeffs",
            "Fundamentalist Church of Jesus Christ of Latter-day",
            "Fundamentalist Church of Jesus Christ of Latter Day Saints",
            True,
        ),
        ("kimani", "Office of the Chief Medical Examiner", "New York City Office of the Chief Medical Examiner", False),
        ("netanyahu", "International Atomic Energy", "International Atomic Energy Agency", False),  # too short to tell
        ("dnc", "Democratic National Committee", "Democratic National Committee Chairman", False),
        ("troy", "Gordon Advisors", "Gordon Advisors Inc", False),
    ],
)
def test_a_long_name_cut_short_by_one_word_is_the_same_name(cluster, a, b, same):
    assert fixed_match(a, b) is same, cluster
    assert fixed_match(b, a) is same, cluster


def test_the_names_table_keeps_each_outlets_spellings_once_in_the_order_they_were_written():
    """The names page reads only how each outlet writes a name, so a story's cached outline carries that, not
    whole mentions; spaces inside a name are folded, and one outlet's repeats are one spelling."""
    from generator.align.base import Group
    from generator.align.names import names_table
    from generator.model import Spelling

    def said(source, start, text):
        return Mention("name", source, start, start + len(text), text, Span(0, 100), value="Qasem Soleimani")

    mentions = (
        said("a", 0, "Qasem Soleimani"),
        said("b", 5, "Qassem\nSoleimani"),
        said("a", 40, "Qasem Soleimani"),
        said("a", 70, "Soleimani"),
    )
    entry = names_table(
        [
            Group("name", mentions, "differ", "Outlets differ", "Qasem Soleimani", "qasem-soleimani"),
            Group("name", (said("c", 0, "Doe"),), "single", "", "Doe or Roe", "doe"),  # no settled label
        ],
        [],
    )
    assert len(entry) == 1
    assert entry[0].spellings == (
        Spelling("Qasem Soleimani", "a"),
        Spelling("Qassem Soleimani", "b"),
        Spelling("Soleimani", "a"),
    )
    assert entry[0].fact_id is None  # not published as a fact: no facts were given


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("John Smith Jr.", "John Smith Sr.", False),  # two generations
        ("Ken Griffey Jr.", "Ken Griffey Sr.", False),
        ("Henry Ford II", "Henry Ford III", False),
        ("Martin Luther King Jr.", "Martin Luther King", True),  # an outlet dropping the suffix: one man
        ("Donald Trump Jr.", "Donald Jr.", True),
    ],
)
def test_person_names_of_two_generations_are_two_people(a, b, match):
    assert person_match(a, b) is match


def _person(source: str, value: str) -> Mention:
    return Mention("name", source, 0, len(value), value, Span(0, 100), value=value, category="person")


def test_an_article_naming_father_and_son_tells_them_apart_in_the_whole_story(article):
    """dnc_russia_lawsuit_2018: outlets name "U.S. President Donald Trump" and "Donald Trump Jr."; one outlet's
    bare "Trump" or "Donald J. Trump" was pooled with the son. An article writing both full forms tells the two
    apart: there, "Donald Jr." is the son and a bare surname the father, and so in every outlet's mentions."""
    text = (
        "The party sued U.S. President Donald Trump's campaign and his son, Donald Trump Jr., on Friday.\n"
        "Donald Jr. met a Russian lawyer in 2016, the suit says. Trump called it a witch hunt."
    )
    values = {(m.text, m.value) for m in extract(article(text)) if m.kind == "name"}
    assert {("Donald Trump", "Donald Trump"), ("Donald Trump Jr.", "Donald Trump Jr.")} <= values
    assert ("Donald Jr.", "Donald Trump Jr.") in values and ("Trump", "Donald Trump") in values

    mentions = [
        _person("a", "Donald Trump"),
        _person("a", "Donald Trump Jr."),
        _person("b", "Donald J. Trump"),
        _person("c", "Donald Jr."),
        _person("d", "Trump"),
    ]
    index = EntityIndex.build(mentions)
    assert index.resolve("Donald J. Trump") == index.resolve("Donald Trump") == index.resolve("Trump")
    assert index.resolve("Donald Jr.") == index.resolve("Donald Trump Jr.") != index.resolve("Donald Trump")


def test_a_suffix_one_outlet_drops_is_still_one_person_when_no_article_names_the_father():
    """troy_office_shooting_2007-style coverage of one man: "Anthony LaCalamita III" in one outlet and
    "Anthony LaCalamita" in another are one suspect, since no article names a second LaCalamita."""
    index = EntityIndex.build([_person("a", "Anthony LaCalamita III"), _person("b", "Anthony LaCalamita")])
    assert index.same("Anthony LaCalamita III", "Anthony LaCalamita")


@pytest.mark.parametrize(
    ("tags", "kind"),
    [
        # (kind, org?) per outlet: the tagger's reading of one town, one hospital, one agency in each article
        ([("place", False), ("place", False), ("name", True)], "place"),
        ([("name", True), ("name", True), ("place", False)], "name"),
        ([("place", False), ("name", True), ("place", False), ("place", False)], "place"),
    ],
)
def test_one_entity_is_aligned_in_the_category_most_outlets_give_it(tags, kind):
    from generator.align import align_story

    sources = [make_source(f"Greenfield is {i}.", f"s{i}") for i in range(len(tags))]
    mentions = [_m(k, f"s{i}", "Greenfield", org=org) for i, (k, org) in enumerate(tags)]
    groups = [g for g in align_story("s", sources, mentions) if g.kind in ("name", "place")]
    assert [g.kind for g in groups] == [kind]
    assert {m.source for m in groups[0].mentions} == {s.id for s in sources}
