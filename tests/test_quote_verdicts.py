"""Quote grouping and verdicts on real dev-set sentences: partial quotes, phrases inside other sentences, speakers,
short phrases two outlets quote, one word changed. Each table row names its cluster."""

from __future__ import annotations

import pytest

from generator.align.base import StoryContext
from generator.align.quotes import align_quotes
from generator.entities import EntityIndex
from generator.extract.quotes import extract


def groups_of(article, texts: dict[str, str]):
    mentions = [m for sid, text in sorted(texts.items()) for m in extract(article(text, sid))]
    return align_quotes(mentions, StoryContext("s", {}, EntityIndex.build(mentions)))


def multi(groups):
    return [g for g in groups if len({m.source for m in g.mentions}) > 1]


PEREZ_SHORT = (  # dnc, HuffPost/Reuters: the outlet stops the quote at its first clause
    '"During the 2016 presidential campaign, Russia launched an all-out assault on our democracy and it found a '
    "willing and active partner in Donald Trump's campaign,\" said Tom Perez, chair of the DNC. "
    '"This constituted an act of unprecedented treachery."'
)
PEREZ_LONG = (  # dnc, USA Today
    '"This constituted an act of unprecedented treachery: the campaign of a nominee for President of the United '
    'States in league with a hostile foreign power to bolster its own chance to win the presidency," DNC Chair Tom '
    "Perez said in a statement Friday."
)
SUIT_PARTNER = (  # dnc, Fox: the lawsuit's own words, which share a phrase with Perez's statement
    '"In the Trump campaign, Russia found a willing and active partner," the suit claims.'
)
PEREZ_FOX = (
    '"During the 2016 presidential campaign, Russia launched an all-out assault on our democracy, and it found a '
    "willing and active partner in Donald Trump's campaign,\" said DNC Chairman Tom Perez in a statement."
)


@pytest.mark.parametrize(
    ("cluster", "texts", "status", "changed"),
    [
        # a quote one outlet stops at a full stop is a partial quote, not a change
        ("dnc", {"a": PEREZ_SHORT, "b": PEREZ_LONG}, "agree", None),
        # both close the sentence, one has a word more: a change the verdict names
        (
            "kimani",
            {
                "a": 'Councilman Jumaane Williams said: "The youth in this community have no outlets for their anger, '
                'no community center."',
                "b": "“The youth in this community have no outlets for their anger, no community.” said Jumaane D. "
                "Williams.",
            },
            "differ",
            "center",
        ),
        # the same short remark with one word more in one outlet
        (
            "jeffs",
            {
                "a": 'Jeffs largely avoided defending himself during the case, only offering a "I am at peace," '
                "phrase as his closing statement.",
                "b": 'Warren Jeffs stood before the jury. At one point he mumbled, "I am peace," and said no more.',
            },
            "differ",
            "at",
        ),
        # a company and its executive credited with the same words; a misspelt surname ("Lu" for "Su")
        (
            "amd",
            {
                "a": "AMD plans to keep supporting SeaMicro's existing customers by selling servers \"for the "
                'foreseeable future," Ms. Lisa Su said.',
                "b": "AMD says it will continue to sell and support SeaMicro servers equipped with Intel chips "
                "“for the foreseeable future.”",
                "c": "AMD will continue to sell SeaMicro servers based on Intel processors "
                '"for the foreseeable future," Lu said.',
            },
            "agree",
            None,
        ),
    ],
)
def test_verdicts(article, cluster, texts, status, changed):
    found = multi(groups_of(article, texts))
    assert len(found) == 1, cluster
    assert found[0].status == status, (cluster, found[0].verdict)
    if changed:
        assert changed in found[0].verdict


def test_a_shared_phrase_inside_two_different_quotes_is_not_one_quote(article):
    """dnc: Perez's statement and the lawsuit's sentence share "Russia found a willing and active partner"."""
    for group in groups_of(article, {"a": PEREZ_FOX, "b": SUIT_PARTNER}):
        assert len({m.source for m in group.mentions}) == 1, group.verdict


@pytest.mark.parametrize(
    ("cluster", "a", "b"),
    [
        (  # the same words credited to two different named people
            "kimani",
            '"Tonight was a peaceful vigil that devolved into a riot," said Councilman Jumaane Williams.',
            '"Tonight was a peaceful vigil that devolved into a riot," said Police Commissioner Raymond Kelly.',
        ),
        (
            "troy",
            '"I\'m not positive all three of the people were targeted," said Lt. Gerry Craft of the Troy police.',
            '"I\'m not positive all three of the people were targeted," Genesee County Sheriff Robert Pickell said.',
        ),
    ],
)
def test_same_words_from_two_named_speakers_differ(article, cluster, a, b):
    (group,) = multi(groups_of(article, {"a": a, "b": b}))
    assert group.status == "differ", cluster
    assert "different speakers" in group.verdict


@pytest.mark.parametrize(
    ("cluster", "texts"),
    [
        (  # the same speaker saying different things is two quotes (dev-set negative example: Su)
            "amd",
            {
                "a": '"We are not intending to compete with our customers," said Lisa Su, AMD\'s general manager.',
                "b": '"This allows us to redefine the server building block," said Lisa Su, AMD\'s general manager.',
            },
        ),
        (  # Jeffs in court on 2 August and his closing words are two remarks
            "jeffs",
            {
                "a": 'Jeffs told the court, "I am but a mortal man seeking peace."',
                "b": 'At one point Warren Jeffs mumbled, "I am peace," and said no more.',
            },
        ),
    ],
)
def test_same_speaker_different_words_are_not_merged(article, cluster, texts):
    assert multi(groups_of(article, texts)) == [], cluster


def test_a_phrase_two_outlets_put_in_quote_marks_is_kept_and_one_alone_is_not(article):
    """dnc: the suit's "racketeering enterprise", quoted by three outlets without a named speaker."""
    texts = {
        "a": 'The lawsuit alleged that Trump\'s campaign accuses it of being a "racketeering enterprise" that worked '
        "in tandem with Moscow.",
        "b": 'The Democrats accused Mr. Trump\'s campaign of being "a racketeering enterprise" that worked with the '
        "Russians.",
        "c": 'The lawsuit refers to the Trump campaign as a "racketeering enterprise" that sought to exploit the '
        'DNC\'s "trade secrets."',
    }
    groups = groups_of(article, texts)
    (shared,) = multi(groups)
    assert {m.source for m in shared.mentions} == {"a", "b", "c"}
    assert shared.status == "agree"
    assert not any("trade secrets" in (m.value or "") for g in groups for m in g.mentions)
