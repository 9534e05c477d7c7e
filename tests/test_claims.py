"""Claims: which sentences become claims, and how claims from different outlets are aligned and judged."""

from __future__ import annotations

import pytest

from generator.align.base import StoryContext
from generator.align.claims import align_claims
from generator.entities import EntityIndex
from generator.extract.claims import extract

ESPER_AND_LETTER = (
    "The United States has no plans to pull its troops out of Iraq, Defense Secretary Mark Esper said on Monday, "
    "following reports by Reuters and other media of an American military letter informing Iraqi officials about "
    "repositioning troops in preparation for leaving the country."
)
GHAANI_QUOTE = (
    "“God the Almighty has promised to take martyr Soleimani’s revenge,” Gen. Esmail Ghaani, Soleimani’s successor "
    "as commander of the Quds Force, told Iranian state television."
)
CHASE_GAGE = (
    "Sheriff's deputies and state police chased him at speeds of more than 100 mph before he finally pulled over "
    "after about 15 minutes, Genesee County Undersheriff James Gage said."
)
CHASE_PICKELL = (
    "Sheriff's deputies and state police chased him for 48km, including through a construction zone, at speeds up "
    "to 193km / h before he finally pulled over after about 15 minutes, Genesee County Sheriff Robert J Pickell said."
)


def claims_of(article, text: str, source_id: str = "a"):
    return extract(article(text, source_id))


def align(article, texts: dict[str, str]):
    mentions = [m for sid, text in sorted(texts.items()) for m in claims_of(article, text, sid)]
    return mentions, align_claims(mentions, StoryContext("s", {}, EntityIndex.build([])))


@pytest.mark.parametrize(
    "text",
    [
        "Tell us in the comments.",  # reader prompt
        "Did any Patch readers feel the earthquake, or perhaps wake up shortly after 2 a.m. because of it?",
        "Retiree had returned part-time",  # sub-heading
        "As FoxNews.com reported:",
        "ON DEADLINE: Live updates and local coverage",
        '"Stay down, or I\'ll shoot you," the officer said.',  # a quotation: the quotes extractor has it
    ],
)
def test_furniture_questions_and_quotes_are_not_claims(article, text):
    assert claims_of(article, text) == []


def test_a_sentence_with_two_statements_gives_two_claims(article):
    found = claims_of(article, ESPER_AND_LETTER)
    assert [m.text for m in found] == [
        "The United States has no plans to pull its troops out of Iraq, Defense Secretary Mark Esper said on Monday",
        "following reports by Reuters and other media of an American military letter informing Iraqi officials about "
        "repositioning troops in preparation for leaving the country.",
    ]
    first, second = found
    assert {"us", "not", "plan", "leave", "stay", "troop", "iraq"} <= set(first.words)  # "no plans" -> polarity
    assert {"letter", "reposition", "official", "iraq", "us"} <= set(second.words)  # Iraqi -> iraq, American -> us
    assert first.sentence == second.sentence and first.kind == "claim"
    assert first.key == "plan" and {"inform", "reposition"} <= set(second.predicates)  # what each says happened


def test_quotation_is_cut_out_and_the_appositive_kept(article):
    (claim,) = claims_of(article, GHAANI_QUOTE)
    assert claim.text == (
        "Gen. Esmail Ghaani, Soleimani’s successor as commander of the Quds Force, told Iranian state television."
    )
    assert {"successor", "chief", "quds"} <= set(claim.words)


@pytest.mark.parametrize(
    ("text", "speaker", "negative"),
    [
        (CHASE_GAGE, "Genesee County Undersheriff James Gage", False),
        ("There are no reports of injuries or major damage.", None, True),
        ("US Defense Secretary Mark Esper denied the reports, saying the US intends to keep its 5,000 troops in Iraq.",
         None, True),
    ],
)  # fmt: skip
def test_speaker_and_polarity(article, text, speaker, negative):
    (claim,) = claims_of(article, text)
    assert claim.speaker == speaker
    assert ("not" in claim.words) is negative
    assert claim.text == text.rstrip()


@pytest.mark.parametrize(
    "texts",
    [
        {  # demo: the Iraqi parliament vote, three wordings
            "s0": "The Iraqi parliament voted to demand full US withdrawal from the country, following the deaths of "
            "Qassem Soleimani and Iraqi citizen Abu Mahdi al Muhandis.",
            "s3": "Iran is not alone there: Iraq’s parliament voted for America to leave its soil Sunday after the "
            "attack on Soleimani, which the nation said was a violation of its sovereignty, according to Fox News.",
            "s4": "Iran’s demand for US forces to withdraw from the region gained traction on Sunday when Iraq’s "
            "parliament passed a resolution calling for all foreign troops to leave the country.",
        },
        {  # demo: Esper says the troops stay
            "s0": "US Defense Secretary Mark Esper denied the reports, saying the US intends to keep its 5,000 troops "
            "in Iraq.",
            "s4": ESPER_AND_LETTER,
        },
        {  # demo: Ghaani named successor
            "s1": "Esmail Ghaani was named as Soleimani's replacement as chief of Iran's Quds Force, the overseas "
            "branch of the Islamic Revolutionary Guard Corps.",
            "s4": GHAANI_QUOTE,
        },
        {  # geysers: no damage or injuries
            "s1": "There are no reports of injuries or major damage.",
            "s5": "There were no reports of damage or injuries, but there were some apparent aftershocks.",
        },
        {  # netanyahu: spoke in English, one sentence going on to what he showed, the other opening with an aside
            "s1": "The Israeli leader spoke in English and showed pictures and videos purporting to be of historic "
            "secret Iranian nuclear facilities, as well as Iranian documents and plans to develop atomic weapons.",
            "s3": "Netanyahu, who bitterly opposed the deal, spoke in English, a clear sign he wanted to present his "
            "case to an international audience.",
        },
    ],
)
def test_same_statement_in_other_words_agrees(article, texts):
    _, groups = align(article, texts)
    multi = [g for g in groups if len({m.source for m in g.mentions}) > 1]
    assert len(multi) == 1
    assert {m.source for m in multi[0].mentions} == set(texts)
    assert multi[0].status == "agree" and multi[0].verdict == "Outlets agree"


def test_letter_and_esper_clauses_go_to_different_groups(article):
    texts = {
        "s0": "Reuters and other media outlets reported a letter from the US military to Iraqi officials regarding "
        "the repositioning of troops for immediate withdrawal. US Defense Secretary Mark Esper denied the reports, "
        "saying the US intends to keep its 5,000 troops in Iraq.",
        "s4": ESPER_AND_LETTER,
    }
    _, groups = align(article, texts)
    pairs = sorted(tuple(m.text[:25] for m in g.mentions) for g in groups if len(g.mentions) == 2)
    assert pairs == [
        ("Reuters and other media o", "following reports by Reut"),
        ("US Defense Secretary Mark", "The United States has no "),
    ]


def test_same_sentence_credited_to_two_people_differs(article):
    _, groups = align(article, {"s2": CHASE_GAGE, "s3": CHASE_PICKELL})
    (group,) = groups
    assert group.status == "differ"
    assert group.verdict == (
        "Outlets credit different sources: Genesee County Sheriff Robert J Pickell vs "
        "Genesee County Undersheriff James Gage"
    )


def test_where_the_victim_died_differs(article):
    texts = {
        "s2": "She said the third victim died on the way to the hospital.",
        "s3": "She said the third victim died on the way to the hospital.",
        "s5": "The woman, identified by the police as Madeline Kafoury, died at the scene, the authorities said.",
    }
    _, groups = align(article, texts)
    (group,) = groups
    assert {m.source for m in group.mentions} == {"s2", "s3", "s5"}
    assert group.status == "differ"
    assert group.verdict == "Outlets differ: died at the scene vs died on the way to hospital"


def test_different_victims_are_not_a_conflict(article):
    texts = {
        "a": "A man died at the scene, police said.",
        "b": "The woman died in hospital on Tuesday, police said.",
    }
    _, groups = align(article, texts)
    assert all(g.status != "differ" for g in groups)


def test_singles_only_when_they_carry_a_number_and_a_name(article):
    texts = {
        "s7": "Marfin bank officials told Reuters one of the female victims was pregnant.",
        "s6": "It is the largest earthquake in the area for the past month, residents said.",
    }
    mentions, groups = align(article, texts)
    assert len(mentions) == 2
    assert [(g.status, g.mentions[0].source) for g in groups] == [("single", "s7")]
    assert groups[0].verdict == "Reported by one outlet only"


def test_one_outlet_repeating_itself_is_not_corroboration(article):
    texts = {
        "a": "Officers found a 12-gauge pump-action shotgun and three live shells in the vehicle, Pickell said. "
        "Officers found a 12-gauge pump-action shotgun and three live shells in the vehicle.",
        "b": "Officers found a 12-gauge pump-action shotgun and three live shells in the vehicle, but LaCalamita was "
        "subdued.",
    }
    _, groups = align(article, texts)
    for g in groups:
        sources = [m.source for m in g.mentions]
        assert len(sources) == len(set(sources))
    assert sorted(g.status for g in groups) == ["agree", "single"]


def test_output_does_not_depend_on_input_order(article):
    texts = {"s2": CHASE_GAGE, "s3": CHASE_PICKELL, "s5": "There are no reports of injuries or major damage."}
    mentions, groups = align(article, texts)
    again = align_claims(list(reversed(mentions)), StoryContext("s", {}, EntityIndex.build([])))
    assert groups == again


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (  # netanyahu s1: two coordinated main verbs, two statements
            "The Israeli leader spoke in English and showed pictures and videos purporting to be of historic secret "
            "Iranian nuclear facilities, as well as Iranian documents and plans to develop atomic weapons.",
            [
                "The Israeli leader spoke in English",
                "showed pictures and videos purporting to be of historic secret Iranian nuclear facilities, as well as "
                "Iranian documents and plans to develop atomic weapons.",
            ],
        ),
        (  # geysers s5: spaCy cuts after 'It?"'; the lower-case rest continues the sentence
            'The "Do You Feel It?" survey by the USGS showed people as far south a San Francisco felt shaking.',
            ['The "Do You Feel It?" survey by the USGS showed people as far south a San Francisco felt shaking.'],
        ),
        (  # geysers s5: the second verb says too little alone, so the sentence stays whole
            "There were no reports of damage or injuries, but there were some apparent aftershocks.",
            ["There were no reports of damage or injuries, but there were some apparent aftershocks."],
        ),
    ],
)
def test_clauses(article, text, clauses):
    assert [m.text for m in claims_of(article, text)] == clauses


def test_an_aside_is_not_what_the_sentence_states(article):
    (claim,) = claims_of(
        article,
        "Netanyahu, who bitterly opposed the deal, spoke in English, a clear sign he wanted to present his case to an "
        "international audience.",
    )
    assert "speak" in claim.words and "english" in claim.words and "oppose" not in claim.words


def test_directions_are_compared(article):
    (claim,) = claims_of(article, "Residents of Sonoma County felt it, too, including some as far south as Santa Rosa.")
    assert {"feel", "south"} <= set(claim.words)


def test_two_quotations_are_left_to_the_quotes_aligner(article):
    quote = '"Tonight was a peaceful vigil that devolved into a riot, and this is what happens in our community."'
    mentions, groups = align(article, {"s2": quote, "s3": quote})
    assert mentions == [] and groups == []


def test_one_shared_word_is_not_the_same_statement():
    """The demo's "Following the initial shock, Iran's government quickly outlined" and "In his initial reaction,
    U.S. President Donald Trump ... tweeted" share one rare word among the story's common ones: not one statement."""
    from generator.model import Mention, Span

    def claim(source: str, words: str) -> Mention:
        return Mention("claim", source, 0, 1, "x", Span(0, 1), words=tuple(sorted(words.split())))

    background = [claim(f"b{i}", f"iran us trump filler{i} other{i}") for i in range(30)]
    pair = [claim("s1", "follow government initial iran outline shock"), claim("s2", "initial reaction trump us")]
    groups = align_claims(pair + background, StoryContext("s", {}, EntityIndex.build([])))
    assert not [g for g in groups if {"s1", "s2"} <= {m.source for m in g.mentions}]


@pytest.mark.parametrize(
    ("typographic", "ascii_"),
    [
        ("It’s unclear whether the victims were customers.", "It's unclear whether the victims were customers."),
        ("They’re sure the plan will work.", "They're sure the plan will work."),
        ("The mayor said the city’s budget isn’t balanced.", "The mayor said the city's budget isn't balanced."),
    ],
)
def test_typographic_apostrophes_read_like_ascii_ones(article, typographic, ascii_):
    """The model lemmatizes "she’s" to "’": the copula, and with it what the claim states, would be lost."""
    (curly,) = claims_of(article, typographic)
    (plain,) = claims_of(article, ascii_)
    assert curly.key == plain.key and curly.words == plain.words


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Lawyers for the party could force the campaign to disclose its documents.", "troop", "force"),
        ("The car was heading north on the avenue when it struck the woman.", "chief", "head"),
        ("Officials said the storm would force thousands of residents to leave their homes.", "troop", "leave"),
        ("Government forces and police surrounded the stadium on Sunday.", None, "troop"),
        ("The head of the agency resigned after the report was published.", None, "chief"),
    ],
)
def test_a_verb_never_takes_a_concept_of_things(article, text, absent, present):
    (claim,) = claims_of(article, text)
    assert present in claim.words and (absent is None or absent not in claim.words)


@pytest.mark.parametrize(
    ("texts", "status"),
    [
        # The same statement, denied by one outlet: a contradiction, whatever else the sentences share.
        (
            {
                "a": "Defense lawyer Mark Tully said his client would appeal.",
                "b": "His attorney, Mark Tully, said Halloran would not appeal.",
            },
            "differ",
        ),
        (
            {
                "a": "The mayor said the city would close the bridge on Monday.",
                "b": "The mayor said the city would not close the bridge on Monday.",
            },
            "differ",
        ),
        # A short denial and a long sentence that shares its verb are no contradiction of each other.
        (
            {
                "a": "Police could not say how many shots were fired at the office.",
                "b": "A man fired four days earlier from his job walked into the office with a shotgun and fired "
                "at a manager, killing a receptionist and wounding two others, police said.",
            },
            None,
        ),
    ],
)
def test_a_claim_denied_by_another_outlet_differs(article, texts, status):
    _, groups = align(article, texts)
    joined = [g for g in groups if len({m.source for m in g.mentions}) == 2]
    if status is None:
        assert all(g.status != "differ" for g in joined)
    else:
        assert [g.status for g in joined] == [status]
