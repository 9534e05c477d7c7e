"""Claims state a proposition: its predicate (main verb through verbs of saying, a light verb's object, a
copula's attribute) and polarity, and claims align only when they share one. Real sentences, cluster per row."""

from __future__ import annotations

import pytest

from generator.align.base import StoryContext
from generator.align.claims import _corroborated, align_claims
from generator.entities import EntityIndex
from generator.extract.claims import extract


def claims(article, text: str, source_id: str = "a"):
    return extract(article(text, source_id))


def multi_groups(article, texts: dict[str, str]):
    mentions = [m for sid, text in sorted(texts.items()) for m in claims(article, text, sid)]
    groups = align_claims(mentions, StoryContext("s", {}, EntityIndex.build(mentions)))
    return [g for g in groups if len({m.source for m in g.mentions}) > 1]


@pytest.mark.parametrize(
    ("cluster", "text", "key", "negated"),
    [
        ("dnc", "Trump has repeatedly said his campaign did not collude with the Russian government.", "collude", True),
        ("dnc", "Trump has strongly – and repeatedly – denied colluding with the Russians.", "collude", True),
        (
            "dnc",
            "The Democratic National Committee filed a lawsuit Friday against the Russian government, the Trump "
            "campaign and WikiLeaks.",
            "sue",
            False,
        ),
        (
            "jeffs",
            "A forensic analyst testified Monday that Jeffs was the father of the 15-year-old's child.",
            "father",
            False,
        ),
        (
            "troy",
            "Riva had yet to regain consciousness Wednesday and was on a ventilator, police said.",
            "regain",
            True,
        ),
        ("geysers", "There were no immediate reports of damage or injuries.", "report", True),
    ],
)
def test_predicate_and_polarity(article, cluster, text, key, negated):
    (claim,) = claims(article, text)
    assert claim.key == key, cluster
    assert ("not" in claim.words) is negated, cluster


@pytest.mark.parametrize(
    ("cluster", "a", "b"),
    [
        (  # "was the father" / "had fathered": one predicate, noun and verb
            "jeffs",
            "A forensic analyst testified Monday that Jeffs was the father of the 15-year-old's child.",
            "They presented a DNA report that showed that Jeffs had fathered a child with the 15 year old.",
        ),
        (  # "sued" / "filed a lawsuit"
            "dnc",
            "The Democratic Party sued the Russian government, U.S. President Donald Trump's campaign and WikiLeaks "
            "on Friday, charging that they carried out a wide-ranging conspiracy to influence the 2016 U.S. "
            "presidential election.",
            "The Democratic National Committee filed a lawsuit Friday against the Russian government, the Trump "
            "campaign and WikiLeaks, alleging they conspired to influence the 2016 election in favor of President "
            "Trump.",
        ),
        (  # active and passive, "found" with an object is not a verb of saying
            "troy",
            "Officers found a 12-gauge pump-action shotgun and three live shells in the vehicle, Pickell said.",
            "A 12-gauge pump-action shotgun and three live shells were found in the silver Ford Fusion LaCalamita "
            "was driving.",
        ),
        (  # "no injuries were reported" / "no injuries have been reported": both negative, they agree
            "kimani",
            "One person is believed to have been arrested, and no injuries were reported.",
            "One person has been arrested, though no injuries have been reported.",
        ),
    ],
)
def test_paraphrases_align_and_agree(article, cluster, a, b):
    (group,) = multi_groups(article, {"a": a, "b": b})
    assert group.status == "agree", (cluster, group.verdict)


@pytest.mark.parametrize(
    ("cluster", "a", "b"),
    [
        (  # one organisation named in both, two different statements (grouped before predicates were compared)
            "dnc",
            "In a statement, Protect Democracy on Friday noted that the new D.N.C. lawsuit draws on the same set of "
            "underlying facts as the earlier privacy-invasion litigation it brought on behalf of three Americans.",
            "A hearing on the Trump campaign's motion to toss out the Protect Democracy lawsuit is set for next month.",
        ),
        (
            "dnc",
            "Roger J. Stone Jr., a former campaign adviser to Mr. Trump who is named as a defendant in the suit, "
            "dismissed it in an email as a conspiracy theory.",
            "The lawsuit also names Trump's son, Donald Trump Jr.",
        ),
        (  # the same two plainclothes officers, a different happening
            "kimani",
            "Police said two Brooklyn South Anti Crime plainclothes officers had been on patrol when they noticed "
            "young males near 473 East 52nd Street.",
            "Two plainclothes NYPD officers shot and killed the teenager late Saturday night.",
        ),
        (  # the same gun, a different statement about it
            "kimani",
            "She also believed that Kimani was attempting to alert the police that he had the weapon rather than "
            "use it.",
            "When the two plainclothes officers saw the weapon they responded by opening fire.",
        ),
    ],
)
def test_shared_names_without_a_shared_predicate_do_not_align(article, cluster, a, b):
    assert multi_groups(article, {"a": a, "b": b}) == [], cluster


@pytest.mark.parametrize(
    ("cluster", "a", "b"),
    [
        (  # the same predicate and arguments, negated in one
            "troy",
            "Riva regained consciousness Wednesday and was on a ventilator, police said.",
            "Riva had yet to regain consciousness Wednesday and was on a ventilator, police said.",
        ),
        (
            "geysers",
            "The quake caused damage to buildings near The Geysers, officials said.",
            "The quake caused no damage to buildings near The Geysers, officials said.",
        ),
    ],
)
def test_a_claim_and_its_negation_differ(article, cluster, a, b):
    """The first sentence of each row is edited from the real one (outlets rarely contradict this plainly)."""
    (group,) = multi_groups(article, {"a": a, "b": b})
    assert group.status == "differ", cluster
    assert "negates" in group.verdict


@pytest.mark.parametrize(
    ("cluster", "a", "b", "grouped"),
    [
        (  # "tried" here is the men's trials there the lawyer's attempt; "seven" counts other things
            "jeffs",
            "Thus far, seven men have been tried, and all have been convicted.",
            "Prior to the trial he fired seven lawyers, and ultimately tried to represent himself.",
            False,
        ),
        (  # attacking the investigation is not the suit being a "legal broadside": the topic words are shared
            "dnc",
            "The president, who has long denied allegations of collusion, has repeatedly attacked the special counsel "
            "investigation this week.",
            "The suit amounts to another legal broadside related to the 2016 race, on top of the special counsel's "
            "ongoing Russia probe and the FBI raid on Trump's personal attorney last week.",
            False,
        ),
        (  # how many shots were fired is not who is accused of shooting
            "troy",
            "Police couldn't say how many shots were fired.",
            "The man accused of shooting his three former co-workers is Anthony LaCalamita III, a 38-year-old Troy "
            "resident.",
            False,
        ),
        (  # the other names what was loaded: one statement
            "kimani",
            "Mr. Gray's revolver was loaded with four bullets, the police said.",
            "A revolver loaded with four bullets was reportedly recovered from the scene.",
            True,
        ),
        (  # the other names the buildings set on fire
            "athens",
            "Two other buildings besides the bank were set on fire.",
            "Hooded youths hurled petrol bombs at stores and businesses in the Greek capital, setting the bank and two "
            "government buildings ablaze.",
            True,
        ),
    ],
)
def test_a_one_sided_predicate_needs_a_participant_or_more_shared_words(article, cluster, a, b, grouped):
    """One claim's verb only mentioned in the other links them when the other also names who or what takes part
    in it, or states it as a verb beside two more shared content words; the story's topic words are not enough."""
    (first, *_), (second, *_) = claims(article, a, "a"), claims(article, b, "b")
    assert _corroborated(first, second) is grouped, cluster
    if grouped:
        assert multi_groups(article, {"a": a, "b": b}), cluster
