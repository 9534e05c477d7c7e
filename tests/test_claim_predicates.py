"""Claims state a proposition: its predicate (main verb through verbs of saying, a light verb's object, a
copula's attribute) and polarity, and claims align only when they share one. Real sentences, cluster per row."""

from __future__ import annotations

import pytest

from generator.align.base import StoryContext
from generator.align.claims import align_claims
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
