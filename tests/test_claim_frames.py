"""Claim frames: participants, counts, colours, measures and days read off the parse, and the aligner's use of
them: two claims are one fact only when they state the same happening, and a slot filled differently is a
`differ`. Real sentences from several dev-set clusters (cluster per row); edited ones say so."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.align.base import StoryContext
from generator.align.claims import align_claims
from generator.entities import EntityIndex
from generator.extract.claims import extract
from generator.model import Count, Day, Measure, Participant, Place, Role

PUBLISHED = date(2013, 3, 14)  # a Thursday: "Wednesday night" is 13 March


def claims(article, text: str, source_id: str = "a", published: date | None = PUBLISHED):
    return extract(article(text, source_id, published))


def multi_groups(article, texts: dict[str, str]):
    mentions = [m for sid, text in sorted(texts.items()) for m in claims(article, text, sid)]
    groups = align_claims(mentions, StoryContext("s", {}, EntityIndex.build(mentions)))
    return [g for g in groups if len({m.source for m in g.mentions}) > 1]


@pytest.mark.parametrize(
    ("cluster", "text", "present", "absent"),
    [
        (  # the count of the event's undergoer is the event's count
            "kimani",
            "The NYPD said one person was arrested for disorderly conduct.",
            {
                Count("arrest", Decimal(1), "one person"),
                Role("patient", Participant("noun", "person", "sing")),
                ("head", "arrest"),
            },
            set(),
        ),
        (
            "kimani",
            "At least 46 demonstrators were arrested along Church Ave. in East Flatbush.",
            {Count("arrest", Decimal(46), "46 demonstrators")},
            set(),
        ),
        (  # ages describe people, they count nothing
            "kimani",
            "The 30-year-old sergeant and 26-year-old fired 11 shots.",
            {Count("shot", Decimal(11), "11 shots")},
            {Count("year", Decimal(30), "30-year"), Count("year", Decimal(26), "26-year")},
        ),
        (  # a colour word, even where the parse makes it a noun
            "queens",
            "Police say she was struck by a grey Toyota Camry heading north on 117th Street, which then fled the "
            "scene.",
            {("colour", "grey"), ("head", "attack")},
            set(),
        ),
        ("queens", "Raj Chohan was hit by a 2013 gray Camry near 117th Street.", {("colour", "gray")}, set()),
        (
            "jeffs",
            "He could be sentenced to up to 119 years in prison.",
            {Measure("to", "year", Decimal(119), "up to 119 years"), ("modal", True)},
            set(),
        ),
        (
            "jeffs",
            "Jeffs, who acted as his own attorney, faces up to life in prison.",
            {Measure("to", "life", None, "life")},
            {("modal", True)},
        ),
        (  # a figure in a unit of the units table, whatever the parse made of the unit ("5.4" hangs on the verb)
            "athens",
            "But markets reacted to the violence with alarm as Greek stocks plunged 5.4 per cent.",
            {Count("%", Decimal("5.4"), "5.4 per cent")},
            set(),
        ),
        (
            "pelosi",
            "Just because you're only getting 30 percent of the vote in some area doesn't mean you stop.",
            {Count("%", Decimal(30), "30 percent")},
            {Count("percent", Decimal(30), "30 percent")},
        ),
        (
            "queens",
            "Police said he had a blood alcohol content of .09 percent, above the legal limit of .08 percent.",
            {Count("%", Decimal("0.09"), ".09 percent"), Count("%", Decimal("0.08"), ".08 percent")},
            set(),
        ),
        (  # a unit that needs converting keeps its noun: not compared at a precision neither states
            "jeffs",
            "Hanna read excerpts of Jeffs' journal where he described the Lord ordering him to visit Eldorado, Texas, "
            "about 45 miles south of San Angelo.",
            set(),
            {Count("km", Decimal("72.42048"), "45 miles")},
        ),
        (  # a named place of the head predicate: its kind and the names that say which one
            "queens",
            "The unidentified woman was pronounced dead at Mount Sinai Hospital.",
            {Place("at", "hospital", ("mount", "sinai"), "Mount Sinai Hospital")},
            set(),
        ),
        (
            "kimani",  # the second clause of a PIX11 sentence
            "The teenager was pronounced dead at Kings County Hospital.",
            {Place("at", "hospital", ("county", "kings"), "Kings County Hospital")},
            set(),
        ),
        (
            "troy",
            "The two other victims were being treated at Beaumont Hospital in Royal Oak.",
            {Place("at", "hospital", ("beaumont",), "Beaumont Hospital")},
            set(),
        ),
        (  # a count says what it is the amount of; "14 miles" of something unsaid does not
            "geysers",
            "The quake occurred at 2:09 a.m. about 14 miles north-northeast of Healdsburg and had a depth of 1.2 "
            "miles.",
            {Count("mile", Decimal("1.2"), "1.2 miles", "depth"), Count("mile", Decimal(14), "14 miles")},
            set(),
        ),
        (
            "kimani",
            "Both officers fired a total of 11 shots at the suspect, hitting Gray multiple times in his torso and "
            "legs.",
            {Count("shot", Decimal(11), "11 shots", "total")},
            {Count("shot", Decimal(11), "11 shots")},
        ),
        (
            "athens",
            "A group of about 200 communists also broke through a police cordon.",
            {Count("communist", Decimal(200), "200 communists", "group")},
            set(),
        ),
        (  # a surname is a name, not a colour
            "kimani",
            "Police said two plainclothes officers fatally shot the teenager, Kimani Gray, on Saturday.",
            {
                Role("agent", Participant("noun", "officer", "plur")),
                Count("officer", Decimal(2), "two plainclothes officers"),
            },
            {("colour", "gray")},
        ),
    ],
)
def test_frame_roles(article, cluster, text, present, absent):
    (claim,) = claims(article, text)
    f = claim.frame
    parts = {*f.roles, *f.counts, *f.measures, *f.places, *(("colour", c) for c in f.colours)}
    parts |= {("head", h) for h in f.heads}
    parts |= {("modal", f.modal)}
    assert present <= parts, (cluster, f)
    assert not absent & parts, (cluster, f)


@pytest.mark.parametrize(
    ("cluster", "text", "clause", "times"),
    [
        (  # a model year dates nothing
            "queens",
            "Raj Chohan was hit by a 2013 gray Camry near 117th Street.",
            "Raj Chohan",
            (),
        ),
        (  # a clause naming no day inherits the nearest one before it in its paragraph
            "kimani",
            "Then came the anger: a Monday evening vigil marred by an unruly young mob thrashing its way through "
            "local businesses; a second protest the next night; and another on Wednesday night, after which, the "
            "police said, someone hit an officer in the face with a brick, and there were 46 arrests — mostly for "
            "disorderly conduct.",
            "there were 46 arrests",
            (Day(date(2013, 3, 13), date(2013, 3, 13)),),
        ),
        (  # a weekday is placed against the article's date
            "athens",
            "Three people were killed on Wednesday when protesters set fire to a bank in central Athens.",
            "Three people",
            (Day(date(2013, 3, 13), date(2013, 3, 13)),),
        ),
    ],
)
def test_frame_times(article, cluster, text, clause, times):
    (claim,) = [m for m in claims(article, text) if clause in m.text]
    assert claim.frame.days == times, cluster


@pytest.mark.parametrize(
    ("cluster", "a", "b"),
    [
        (  # README trap: one number word meaning two things
            "jeffs",
            "Hanna read excerpts of Jeffs' journal where he described the Lord ordering him to visit Eldorado, Texas, "
            "about 45 miles south of San Angelo.",
            "Jeffs, 55, will have to spend at least 45 years in prison before being eligible for release.",
        ),
        (  # the same gun, two happenings: pointed at the officers, recovered at the scene
            "kimani",
            "After they exited their vehicle, he pointed a .38 caliber revolver at the officers.",
            "A loaded .38-caliber revolver was recovered at the scene.",
        ),
        (  # the same verb, other participants: the cops noticed him, he noticed the cops
            "kimani",
            "According to the NYPD's statement, the cops noticed one male adjusting his waistband.",
            "Kimani Gray was standing outside his home before splitting off when he noticed two plainclothes "
            "officers in an unmarked car.",
        ),
        (  # figures of another event: a crowd that gathered is not the people arrested (both Church Ave.)
            "kimani",
            "Between 60 and 100 rioters gathered around Church and Snyder Ave. in East Flatbush and threw bottles "
            "and other debris at police, witnesses said.",
            "At least 46 demonstrators were arrested along Church Ave. in East Flatbush.",
        ),
        (  # what may happen is not what did: the maximum before the verdict, the sentence after it
            "jeffs",
            "He could be sentenced to up to 119 years in prison.",
            "Jeffs was sentenced to life in prison for his assault on the 12-year-old.",
        ),
        (  # the same happening on two nights (the second sentence edited from the first)
            "kimani",
            "A candle light vigil turned violent Monday night in East Flatbush, Brooklyn.",
            "A candle light vigil turned violent Wednesday night in East Flatbush, Brooklyn.",
        ),
        (  # the same verb, two different people (troy; both edited from "LaCalamita shot three people")
            "troy",
            "Police said LaCalamita shot Paul Gordon in his office on Monday morning.",
            "Police said LaCalamita shot Randy Riva in his office on Monday morning.",
        ),
        (  # two named hospitals: another accident's victim, told in the same article
            "queens",
            "Chohan was pronounced dead at Jamaica Hospital.",
            "The unidentified woman was pronounced dead at Mount Sinai Hospital.",
        ),
    ],
)
def test_different_happenings_do_not_group(article, cluster, a, b):
    groups = multi_groups(article, {"a": a, "b": b})
    assert [g for g in groups if g.status == "agree"] == [], cluster


@pytest.mark.parametrize(
    ("cluster", "a", "b", "verdict"),
    [
        (
            "queens",
            "Witnesses say 59-year-old Raj Chohan was leaving her car on 117th Street in South Richmond Hill Friday "
            "when she was hit by a silver Toyota Camry and sent flying into the air.",
            "Police say she was struck by a grey Toyota Camry heading north on 117th Street, which then fled the "
            "scene.",
            "Outlets differ: grey vs silver",
        ),
        (
            "kimani",
            "The also said that Gray had previously been arrested four times on charges of grand larceny.",
            "Gray had been in trouble with the law before, having been arrested three times since October.",
            "Outlets differ: four times vs three times",
        ),
        (
            "kimani",
            "After they exited their vehicle to investigate, he pointed a .357 caliber revolver at them.",
            "Kimani Gray pointed a .38 caliber revolver at the officers.",
            "Outlets differ: .357 caliber vs .38 caliber",
        ),
        (  # different figures inside claims are never a plain agree
            "athens",
            "But markets reacted to the violence with alarm as Greek stocks plunged 5.4 per cent.",
            "But markets reacted with alarm as Greek stocks closed down 3.9 percent.",
            "Outlets differ: 3.9 percent vs 5.4 per cent",
        ),
        (  # the second edited from the first
            "queens",
            "Police said he had a blood alcohol content of .09 percent, above the legal limit of .08 percent.",
            "He had a blood alcohol content of .12 percent, police said.",
            "Outlets differ: .08 percent or .09 percent vs .12 percent",
        ),
        (  # the amount of one thing differs, though both claims also give another distance
            "geysers",
            "The quake occurred at 2:09 a.m. about 14 miles north-northeast of Healdsburg and had a depth of 1.2 "
            "miles.",
            "The quake occurred at 2:09 a.m. 14 miles northeast of Healdsburg, with a depth of 12 miles.",
            "Outlets differ: 1.2 miles vs 12 miles",
        ),
        (  # the second edited from the first
            "kimani",
            "Both officers fired a total of 11 shots at the suspect, hitting Gray multiple times in his torso and "
            "legs.",
            "Both officers fired a total of seven shots at the suspect, hitting Gray in his torso and legs.",
            "Outlets differ: 11 shots vs seven shots",
        ),
        (  # one named person at two named hospitals (the second edited from the first)
            "kimani",
            "Kimani Gray was pronounced dead at Kings County Hospital.",
            "Kimani Gray was pronounced dead at Brookdale Hospital.",
            "Outlets differ: Brookdale Hospital vs Kings County Hospital",
        ),
        (  # the second edited from the first
            "jeffs",
            "He could be sentenced to up to 119 years in prison.",
            "Jeffs could be sentenced to life in prison.",
            "Outlets differ: life vs up to 119 years",
        ),
    ],
)
def test_a_slot_filled_differently_differs(article, cluster, a, b, verdict):
    (group,) = multi_groups(article, {"a": a, "b": b})
    assert (group.status, group.verdict) == ("differ", verdict), cluster


@pytest.mark.parametrize(
    ("cluster", "a", "b"),
    [
        (  # "grey" and "gray" are one colour
            "queens",
            "Police say she was struck by a grey Toyota Camry heading north on 117th Street.",
            "Raj Chohan was hit by a 2013 gray Camry near 117th Street and 97th Avenue in Richmond Hill.",
        ),
        (  # the same count in two wordings of the undergoer
            "kimani",
            "At least 46 demonstrators were arrested along Church Ave. in East Flatbush.",
            "Police said 46 people had been arrested by the end of the night.",  # edited: the real one is shorter
        ),
        (  # one hospital named in full and in short (the first edited from the second and CNN's wording)
            "troy",
            "The two wounded men were being treated at Royal Oak Beaumont Hospital.",
            "The two other victims were being treated at Beaumont Hospital in Royal Oak.",
        ),
        (  # "per cent" and "percent" are one unit (the second edited from the first)
            "pelosi",
            "Just because you're only getting 30 percent of the vote in some area doesn't mean you stop.",
            "Just because you are only getting 30 per cent of the vote in some area does not mean you stop.",
        ),
        (  # the same amount of the same thing (the second edited from the first)
            "athens",
            "A group of about 200 communists also broke through a police cordon.",
            "A group of about 200 communists broke through a cordon of police.",
        ),
        (  # "two women and one man died" / "a bomb killed two women and a man": subject fits the patient
            "athens",
            "Police said two women and one man died at a branch of the Marfin bank.",
            "A petrol bomb hurled at an Athens branch of the Marfin Investment Bank killed two women and a man.",
        ),
    ],
)
def test_same_happening_agrees(article, cluster, a, b):
    (group,) = multi_groups(article, {"a": a, "b": b})
    assert group.status == "agree", (cluster, group.verdict)
