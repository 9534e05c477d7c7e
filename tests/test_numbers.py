"""Reported numbers: real sentences from the demo and dev-set articles, and the traps they hold."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from generator.align.base import StoryContext
from generator.align.numbers import align_numbers
from generator.cache import mention_from_json, mention_to_json
from generator.entities import EntityIndex
from generator.extract.numbers import extract, number_key
from generator.model import Quantity

REF = date(2020, 1, 8)


def _numbers(article, text, source_id="a", published=REF):
    return extract(article(text, source_id, published))


@pytest.mark.parametrize(
    ("text", "fragment", "key", "low", "high"),
    [
        (
            "Iran launched 15 missiles at two bases housing American troops in Iraq Tuesday night.",
            "15 missiles",
            "missiles|fired",
            15,
            15,
        ),
        (
            "Iran launched 15 missiles at two bases housing American troops in Iraq Tuesday night.",
            "two bases",
            "bases|struck",
            2,
            2,
        ),
        ("Police said 12 people were injured in the riots.", "12 people", "people|injured", 12, 12),
        (
            "The 170,000-square-foot building houses a number of businesses.",
            "170,000-square-foot",
            "area|building",
            Decimal("15793.52"),
            None,
        ),
        ("Police chased him at speeds of more than 100 mph.", "more than 100 mph", "speed", Decimal("160.9344"), None),
        (
            "At least 46 demonstrators were arrested along Church Ave. in East Flatbush.",
            "At least 46 demonstrators",
            "people|arrested",
            46,
            None,
        ),
        ("He pointed a .357 caliber revolver at them.", ".357 caliber", "caliber", Decimal(".357"), Decimal(".357")),
        # The one the event befalls is the subject of "die" and of a resulting state.
        ("Three people died in a burning bank.", "Three people", "people|killed", 3, 3),
        (
            "A FIRE-BOMB attack on a bank in Athens left at least three people dead.",
            "at least three people",
            "people|killed",
            3,
            None,
        ),
        ("One victim died in the Monday morning attack.", "One victim", "people|killed", 1, 1),
        # One person with no numeral, when nothing else counts the dead.
        (
            "An accounting firm employee shot and killed a woman and wounded two men Monday.",
            "a woman",
            "people|killed",
            1,
            1,
        ),
        (
            "When Monday's violence had concluded, the receptionist -- Madeline Kafoury -- was shot dead.",
            "the receptionist",
            "people|killed",
            1,
            1,
        ),
        # Hits on a person, shots fired and an earlier record are different counts.
        (
            "Gray, 16, was shot eleven times after police said he pulled out a revolver.",
            "eleven times",
            "shots|struck",
            11,
            11,
        ),
        ("The 30-year-old sergeant and 26-year-old fired 11 shots.", "11 shots", "shots|fired", 11, 11),
        ("The autopsy showed that seven bullets entered Gray's body.", "seven bullets", "shots|struck", 7, 7),
        ("Gray had previously been arrested four times.", "four times", "arrests|earlier", 4, 4),
        ("Gray has four prior arrests.", "four prior arrests", "arrests|earlier", 4, 4),
        # Crowds: a vague amount of people is not a part of them; figures the tagger calls a date still count.
        (
            "Tens of thousands of people marched through the city.",
            "Tens of thousands of people",
            "people|gathered",
            20_000,
            99_999,
        ),
        (
            "Police said as many as 20,000 people took to the streets.",
            "as many as 20,000 people",
            "people|gathered",
            None,
            20_000,
        ),
        (
            "Between 60 and 100 rioters gathered around the corner.",
            "Between 60 and 100 rioters",
            "people|gathered",
            60,
            100,
        ),
        ("NBC New York estimated the crowd at 70.", "70", "people|gathered", 70, 70),
        # "missing" is a state the parse reads as the verb "miss"; a multiplier after a qualifier still counts.
        (
            "About two dozen people are still missing.",
            "About two dozen people",
            "people|missing",
            Decimal("21.6"),
            Decimal("26.4"),
        ),
        ("Fourteen people died and 30 were missing after the ferry capsized.", "30", "people|missing", 30, 30),
        ("The storm killed three and left 30 others missing.", "30 others", "people|missing", 30, 30),
        ("Half a dozen people were injured in the blast.", "Half a dozen people", "people|injured", 6, 6),
        ("The company employs about 6,500 people.", "about 6,500 people", "people|employed", 5850, 7150),
        # Where people are taken says what befell them; those who take them are not counted with them.
        (
            "Forty-one survivors were taken to St. Brigid's Hospital.",
            "Forty-one survivors",
            "people|hospitalized",
            41,
            41,
        ),
        ("Six people were rushed to hospital with burns.", "Six people", "people|hospitalized", 6, 6),
        ("Two paramedics took the woman to hospital.", "Two paramedics", "paramedic|", 2, 2),
        # A prison term, by which term its verb gives: imposed, sought, or the most possible.
        ("A judge sentenced the former mayor to 12 years in prison.", "12 years", "prison term|imposed", 12, 12),
        (
            "The former mayor was sentenced on Thursday to 10 years for fraud.",
            "10 years",
            "prison term|imposed",
            10,
            10,
        ),
        ("She received a 20-year prison sentence.", "20-year", "prison term|imposed", 20, 20),
        ("Prosecutors had sought a 15-year term.", "15-year", "prison term|sought", 15, 15),
        ("He could be sentenced to up to 119 years in prison.", "up to 119 years", "prison term|possible", None, 119),
        ("He faces up to 30 years in prison.", "up to 30 years", "prison term|possible", None, 30),
        # A tally written with its noun between the sides: "by five votes to two".
        ("The board approved the merger on Monday, by five votes to two.", "five votes to two", "tally|", 5, 5),
        ("The measure passed by 52 votes to 48 in the Senate.", "52 votes to 48", "tally|", 52, 52),
        (
            "Police arrested roughly three dozen protesters.",
            "roughly three dozen protesters",
            "people|arrested",
            Decimal("32.4"),
            Decimal("39.6"),
        ),
        # A "nationwide strike" is a walkout, not an attack.
        (
            "Tens of thousands of striking workers marched to parliament.",
            "Tens of thousands of striking workers",
            "people|gathered",
            20_000,
            99_999,
        ),
    ],
)
def test_extracts_counted_thing_event_and_interval(article, text, fragment, key, low, high):
    found = {m.text: m for m in _numbers(article, text)}
    m = found[fragment]
    assert m.key == key
    if isinstance(low, Decimal) and low.as_tuple().exponent < -1:
        assert abs(m.quantity.low - low) < Decimal("0.01")
    else:
        assert m.quantity.low == low
    if high is None:
        assert m.quantity.high is None or m.quantity.high >= m.quantity.low
    elif isinstance(high, int):
        assert m.quantity.high == high


@pytest.mark.parametrize(
    ("text", "fragment", "currency", "key"),
    [
        ("Athens agreed to cuts in return for 110 billion euros in loans.", "110 billion euros", "EUR", "EUR"),
        ("It needs a 110bn-euro emergency rescue package.", "110bn-euro", "EUR", "EUR"),
        # The euro sign was lost in the source's encoding: some currency, not a dollar.
        ("It has taken measures since agreeing a \ufffd\ufffd110 billion loan.", "\ufffd\ufffd110 billion", "¤", "¤"),
        ("Athens will jack up taxes in return for? 110bn in loans.", "110bn", "¤", "¤"),
        # A bracketed sum converts the one before it and is compared with other conversions of that amount.
        (
            "Greece gets a euro110 billion ($141 billion) loan package.",
            "$141 billion",
            "USD",
            "USD|converted from 110 billion",
        ),
        (
            "It agreed a? 110-billion ($143-billion) EU and IMF debt bailout.",
            "$143-billion",
            "USD",
            "USD|converted from 110 billion",
        ),
    ],
)
def test_money_keeps_its_currency(article, text, fragment, currency, key):
    m = {m.text: m for m in _numbers(article, text)}[fragment]
    assert (m.quantity.unit, m.key) == (currency, key)


def test_lost_currency_sign_takes_the_currency_the_story_states_that_amount_in(article):
    ms, groups = _align(
        article,
        [
            ("a", "It agreed a \ufffd110 billion ($158 billion) EU and IMF debt bailout."),
            ("b", "Greece gets a euro110 billion ($141 billion) loan package."),
            ("c", "Greece gets 110 billion euros in loans."),
        ],
    )
    eur = next(g for g in groups if g.subject == "EUR")
    assert {m.source for m in eur.mentions} == {"a", "b", "c"} and eur.status == "agree"
    converted = next(g for g in groups if g.subject.startswith("USD converted"))
    assert converted.status == "differ" and "158 billion" in converted.verdict


def test_counts_of_different_occasions_are_not_compared(article):
    """One arrest on the first night and 46 on another are two facts, not a discrepancy; a running total is apart."""
    _, groups = _align(
        article,
        [
            ("a", "The NYPD said one person was arrested for disorderly conduct."),
            ("b", "One person has been arrested, though no injuries have been reported."),
            ("c", "At least 46 demonstrators were arrested along the avenue."),
            ("d", "Police said 46 people were arrested."),
            ("e", "Since the shooting, over 50 arrests have been made over four nights of protesting."),
        ],
    )
    arrested = [g for g in groups if g.subject.startswith("people arrested")]
    assert all(g.status != "differ" for g in groups)
    assert sorted(len({m.source for m in g.mentions}) for g in arrested if g.status == "agree") == [2, 2]


def test_age_without_a_name_joins_the_one_person_of_that_age(article):
    from generator.extract.names import extract as names

    items = [
        ("a", "Police shot 16-year-old Kimani Gray on Saturday."),
        ("b", "His sister, Mahnefah Gray, 19, spoke to reporters."),
        ("c", "An autopsy of the 16-year-old was released Wednesday."),
        ("d", "Kimani Gray, 16, was killed by police."),
    ]
    docs = [(sid, article(text, sid, REF)) for sid, text in items]
    ms = [m for _, doc in docs for m in extract(doc)] + [m for _, doc in docs for m in names(doc)]
    ctx = StoryContext("s", {}, EntityIndex.build(ms))
    groups = align_numbers([m for m in ms if m.kind == "number"], ctx)
    kimani = next(g for g in groups if g.label == "Age of Kimani Gray")
    assert {m.source for m in kimani.mentions} == {"a", "c", "d"} and kimani.status == "agree"
    assert all(g.status != "differ" for g in groups)


def test_ages_are_keyed_by_person(article):
    ms = _numbers(
        article, "The suspect, 38-year-old Anthony LaCalamita, shot three people. Anthony LaCalamita, 38, of Troy."
    )
    ages = [m for m in ms if m.quantity.counted == "age"]
    assert {m.key for m in ages} == {"age|Anthony LaCalamita"}
    assert all(m.quantity.low == 38 for m in ages)


@pytest.mark.parametrize(
    "text",
    [
        "The deal was signed in 2015 under Article 51 of the charter.",
        "It was followed by an aftershock at 2:12 a.m. on January 3.",
        "Two years ago the prison closed.",
        "He was sentenced to five years of probation.",
    ],
)
def test_years_ids_and_times_are_not_counts(article, text):
    assert not [m for m in _numbers(article, text) if m.quantity.counted not in ("magnitude",)]


def test_vague_amounts_are_intervals(article):
    ms = _numbers(article, "Israel had obtained hundreds of thousands of Iranian files.")
    m = next(m for m in ms if "hundreds" in m.text)
    assert (m.quantity.low, m.quantity.high, m.quantity.counted) == (200_000, 999_999, "files")


def test_background_paragraph_keeps_its_own_key(article):
    text = (
        "A Michigan man shot to death one person and injured two others Monday in Troy.\n"
        "In February, a gunman killed five people and injured several others at a shopping mall in Salt Lake City."
    )
    ms = _numbers(article, text, published=date(2007, 4, 10))
    keys = {m.text: m.key for m in ms}
    assert keys["one person"] == "people|killed"
    assert keys["five people"] != "people|killed"


def _align(article, items):
    ms = [m for sid, text in items for m in _numbers(article, text, sid)]
    ctx = StoryContext("s", {}, EntityIndex.build([]))
    return ms, align_numbers(ms, ctx)


def test_bases_agree_across_wordings_but_missiles_stay_apart(article):
    _, groups = _align(
        article,
        [
            ("s1", "Iran carried out retaliatory missile strikes against two US bases in Iraq Jan. 8."),
            ("s2", "Iranian forces launched an overnight missile strike on two Iraqi facilities housing U.S. troops."),
            ("s3", "Iran launched 15 missiles at two bases housing American troops in Iraq Tuesday night."),
            ("s3", "Ten of the missiles hit Ain al-Asad base and four failed to strike their targets."),
        ],
    )
    by_subject = {g.subject: g for g in groups}
    assert by_subject["bases struck"].status == "agree"
    assert {m.source for m in by_subject["bases struck"].mentions} == {"s1", "s2", "s3"}
    assert all(g.status == "single" for g in groups if "missiles" in g.subject)


@pytest.mark.parametrize(
    ("items", "status", "words"),
    [
        (
            [
                ("u", "Police said 12 people were injured in the riots."),
                ("r", "Police said 18 people had been injured in the violence."),
            ],
            "differ",
            "12 people injured vs 18",
        ),
        (
            [("a", "The chase reached speeds of 120 mph."), ("b", "Police chased him at speeds up to 193km / h.")],
            "agree",
            "Outlets agree",
        ),
        (
            [
                ("a", "The 170,000-square-foot building houses a number of businesses."),
                ("b", "The 15,800-square-metre building houses a number of businesses."),
            ],
            "agree",
            "Outlets agree",
        ),
        (
            [
                ("a", "Police seized a shotgun and several shells."),
                ("b", "Police found a 12-gauge pump-action shotgun and three live shells in the vehicle."),
            ],
            "differ",
            "a vague amount beside an exact one",
        ),
        # Same figure, one outlet bounding it: the figure is what is compared (athens).
        (
            [
                ("a", "A fire-bomb attack on a bank in Greece killed at least three people Wednesday."),
                ("b", "Three people died in a burning bank."),
            ],
            "agree",
            "Outlets agree: 3 people killed",
        ),
        # A vague amount beside one outlet's exact figure is never a plain agree (amd).
        (
            [
                ("a", "SeaMicro's networking fabric allows hundreds of low-power processors to work together."),
                ("b", "In its earliest system, SeaMicro put 384 Intel Atom dual-core processors in a 10-rack system."),
            ],
            "differ",
            "a vague amount beside an exact one",
        ),
        # Different figures differ even where the bound makes both possible (troy).
        (
            [
                ("a", "Sheriff's deputies and state police chased him at speeds of more than 100 mph."),
                ("b", "He was arrested after leading police on a chase in which speeds reached 120 mph."),
            ],
            "differ",
            "a lower bound",
        ),
        # Where two outlets state the figure, a looser bound beside it is named, not hidden (troy).
        (
            [
                ("a", "Sheriff's deputies and state police chased him at speeds of more than 100 mph."),
                ("b", "He was arrested after leading police on a chase in which speeds reached 120 mph."),
                ("c", "Police officers chased him at speeds of up to 120 miles an hour on Interstate 75."),
            ],
            "agree",
            "more than 100 mph (at least 160.93 km/h) beside it (a lower bound",
        ),
        (
            [("a", "It had a depth of 1.2 miles."), ("b", "It was on the Maacama Fault with a depth of 12 miles.")],
            "differ",
            "vs",
        ),
    ],
)
def test_verdicts(article, items, status, words):
    ms, groups = _align(article, items)
    multi = [g for g in groups if len({m.source for m in g.mentions}) > 1]
    assert len(multi) == 1 and multi[0].status == status and words in multi[0].verdict


def test_one_outlet_repeating_itself_is_single(article):
    _, groups = _align(article, [("s4", "We have 7,000 years of history. We have 7,000 years of history.")])
    assert groups and all(g.status == "single" for g in groups)


def test_quantity_overlap_is_not_the_same_figure():
    converted = Quantity(Decimal("193.12"), Decimal("193.12"), "km/h", figure=Decimal("193.12"), converted=True)
    converted = replace(converted, step=Decimal("1.609344"))
    stated = Quantity(Decimal(193), Decimal(193), "km/h", figure=Decimal(193), step=Decimal(1))
    assert converted.overlaps(stated) and converted.same_figure(stated)
    five_nine = Quantity(Decimal("5.9"), Decimal("5.9"), figure=Decimal("5.9"), step=Decimal("0.1"))
    six_one = Quantity(Decimal("6.1"), Decimal("6.1"), figure=Decimal("6.1"), step=Decimal("0.1"))
    assert not five_nine.same_figure(six_one)
    at_least_three = Quantity(Decimal(3), None, figure=Decimal(3), step=Decimal(1), qualifier="at least")
    ten = Quantity(Decimal(10), Decimal(10), figure=Decimal(10), step=Decimal(1))
    assert at_least_three.overlaps(ten) and not at_least_three.same_figure(ten)
    assert not Quantity(Decimal(12), Decimal(12)).overlaps(Quantity(Decimal(18), Decimal(18)))


def _whose(q: Quantity) -> str:
    """A name, or an unnamed person's role with the one-off marker shown as '@'."""
    assert bool(q.person) != bool(q.once)  # a name joins by its key, an unnamed person only by value
    return q.person or f"{q.role}@"


@pytest.mark.parametrize(
    ("text", "fragment", "who"),
    [
        # An age set off by commas belongs to the name just before it, not the nearest name (troy).
        ("He is charged in the shootings of Riva, 47, of Sterling Heights, and Steinberg, 48.", "47", "Riva"),
        ("He is charged in the shootings of Riva, 47, of Sterling Heights, and Steinberg, 48.", "48", "Steinberg"),
        # An age on a common noun is that noun's, not the named person's beside it (jeffs, queens).
        (
            'Prosecutors played recordings of Jeffs instructing his 14-year-old "spiritual wife" on how to please him.',
            "14-year-old",
            "wife@",
        ),
        ("A 59-year-old mother of two died when a drunken driver struck her with his car.", "59-year-old", "mother@"),
        ("Witnesses say 59-year-old Raj Chohan was leaving her car on 117th Street.", "59-year-old", "Raj Chohan"),
    ],
)
def test_an_age_belongs_to_what_it_is_set_beside(article, text, fragment, who):
    ages = [m.quantity for m in _numbers(article, text) if m.quantity.counted == "age" and m.text.startswith(fragment)]
    assert len(ages) == 1 and _whose(ages[0]) == who


def test_an_outlets_breakdown_is_compared_as_parts_and_its_total_as_the_whole(article):
    """'Seven bullets hit him ... two bullets struck his leg': 7 is the whole, 2 a part; 11 hits elsewhere differ."""
    _, groups = _align(
        article,
        [
            ("a", "Gray, 16, was shot eleven times after police said he pulled out a revolver."),
            ("b", "Seven bullets hit Mr. Gray. Two bullets struck his left leg."),
            ("c", "The autopsy showed that seven bullets entered Gray's body."),
        ],
    )
    hits = [g for g in groups if g.subject.startswith("shots struck") and len({m.source for m in g.mentions}) > 1]
    assert len(hits) == 1 and hits[0].status == "differ"
    assert {m.text for m in hits[0].mentions} == {"eleven times", "Seven bullets", "seven bullets"}


@pytest.mark.parametrize(
    ("text", "fragment", "who"),
    [
        # "N-year old" written without the second hyphen (queens, athens, jeffs).
        ("Investigators say 59-year old Raj Chohan was hit by a grey Toyota Camry.", "59-year old", "Raj Chohan"),
        ("Apostolos Kolokythopoulos, a 70-year old pensioner who lives nearby, watched.", "70-year old", "pensioner@"),
        ("He took a 12-year old girl and a 15-year girl as spiritual wives.", "12-year old", "girl@"),
        # Figures after "ages"/"aged" and after a plural noun of people are ages, with that noun as the role
        # (troy, jeffs); a name the tagger misses at a line's start is still a name (jeffs).
        ("A 63-year-old woman and two men, ages 47 and 48, were shot.", "47", "man@"),
        ("A 63-year-old woman and two men, ages 47 and 48, were shot.", "48", "man@"),
        ("He is accused of forcing sex on the two girls, 12 and 15, whom he took as brides.", "15", "girl@"),
        ("Warren Jeffs led the sect.\nJeffs, 55, is head of the Utah-based Fundamentalist LDS Church.", "55", "Jeffs"),
        ("Gray, 16, was shot eleven times by the officers.", "16", "Gray"),
        # A surname after "N-year-old" that the tagger leaves untagged is the person the article names (pelosi);
        # a place or a name before a common noun does not make the age a name (troy, kimani).
        (
            "California Democratic Rep. Nancy Pelosi was appointed to an eighth term.\nThe 76-year-old Pelosi, in the months prior to the Nov. 8 elections, repeatedly vowed that her party would retake control of the lower chamber.",  # noqa: E501
            "76-year-old",
            "Pelosi",
        ),
        (
            "The man accused of shooting his three former co-workers is Anthony LaCalamita III, a 38-year-old Troy resident who was fired from Gordon Advisors on Thursday.",  # noqa: E501
            "38-year-old",
            "resident@",
        ),
        (
            "Two plainclothes NYPD officers shot and killed a 16-year-old Brooklyn resident after police say he pointed a gun at officers on Saturday",  # noqa: E501
            "16-year-old",
            "resident@",
        ),
        (
            "“They’re taking everything from me, I don’t know how I’m going to get by,” said 61-year-old Anargyros Bizianis, a municipal worker in the Athens suburb of Piraeus.",  # noqa: E501
            "61-year-old",
            "Anargyros Bizianis",
        ),
    ],
)
def test_age_forms(article, text, fragment, who):
    ages = [m.quantity for m in _numbers(article, text) if m.quantity.counted == "age" and m.text == fragment]
    assert len(ages) == 1 and _whose(ages[0]) == who


@pytest.mark.parametrize(
    ("text", "fragment", "fields"),
    [
        ("A 59-year-old mother of two died when a drunken driver struck her.", "59-year-old", {"role": "mother"}),
        ("Gray, 16, was shot eleven times by the officers.", "16", {"person": "Gray", "once": ""}),
        ("Greece gets a euro110 billion ($141 billion) loan package.", "$141 billion", {"converts": "110 billion"}),
        ("Two of the bullets struck his left leg.", "Two of the bullets", {"part": True, "event": "struck"}),
        ("The quake struck 2.5 miles below the surface.", "2.5 miles", {"subject": "depth"}),
    ],
)
def test_key_parts_are_typed_fields_that_the_cache_keeps(article, text, fragment, fields):
    """Who an age is of, what a sum converts, a part of a group: fields of the Quantity, the key made from them."""
    m = {m.text: m for m in _numbers(article, text)}[fragment]
    assert {name: getattr(m.quantity, name) for name in fields} == fields
    assert m.key == number_key(m.quantity)
    assert mention_from_json(mention_to_json(m)) == m


def test_a_part_of_a_group_reads_as_words(article):
    """kimani: the value a reader sees says which part, with no key syntax in it."""
    (m,) = _numbers(article, "Two of the bullets struck his left leg.")
    assert m.value == "2 of the shots struck"


def test_unnamed_ages_of_one_role_align_only_on_the_same_figure(article):
    items = [
        ("a", "He is accused of sexually assaulting two girls, ages 12 and 15, he took as brides."),  # jeffs
        ("b", "Prosecutors played a recording of him sexually assaulting a 12-year-old girl."),  # jeffs
        ("c", "A 27-year-old woman was killed crossing the street."),  # queens: another death
        ("d", "A 59-year-old woman was killed in a hit-and-run crash."),  # queens
    ]
    ms = [m for sid, text in items for m in _numbers(article, text, sid)]
    groups = align_numbers(ms, StoryContext("s", {}, EntityIndex.build([])))
    girl = next(g for g in groups if g.label == "Age of a 12-year-old girl")
    assert {m.source for m in girl.mentions} == {"a", "b"} and girl.status == "agree"
    assert all(g.status != "differ" for g in groups)  # a 27- and a 59-year-old woman are two people


@pytest.mark.parametrize(
    ("text", "fragment", "key"),
    [
        # A passive frame or "have to" says the event befell the subject (athens, kimani) ...
        ("Around 20 more people had to be ushered to safety.", "Around 20 more people", "people|rescued"),
        (
            "One person is believed to have been arrested, and no injuries were reported.",
            "One person",
            "people|arrested",
        ),
        # ... a verb of intent does not, and an ordinary object keeps its verb (jeffs).
        (
            "Prior to the trial he fired seven lawyers, and ultimately tried to represent himself.",
            "seven lawyers",
            "people|fired",
        ),
    ],
)
def test_events_through_framing_verbs(article, text, fragment, key):
    found = [m for m in _numbers(article, text) if m.text == fragment]
    assert [m.key for m in found] == [key]


@pytest.mark.parametrize(
    ("text", "fragment", "key", "minutes"),
    [
        ("Jeffs delivered a 55-minute speech arguing that the raid was illegal.", "55-minute", "duration|speech", 55),
        (
            "He delivered a nearly hourlong speech defending polygamy.",
            "nearly hourlong",
            "duration|speech",
            60,
        ),  # jeffs
        ("The marches came amid a 24-hour nationwide general strike.", "24-hour", "duration|strike", 1440),  # athens
        # What lasted unsaid: the figure stays with its outlet (troy).
        (
            "He finally pulled over after about 15 minutes, Genesee County Undersheriff James Gage said.",
            "about 15 minutes",
            "duration",
            None,
        ),
    ],
)
def test_durations_are_keyed_by_what_lasted(article, text, fragment, key, minutes):
    found = [m for m in _numbers(article, text) if m.text == fragment]
    assert [m.key for m in found] == [key]
    assert minutes is None or found[0].quantity.high == minutes
    if minutes is None:
        from generator.align.numbers import _group_key

        assert _group_key(found[0]).endswith("#a")


@pytest.mark.parametrize(
    ("text", "fragment", "currency"),
    [
        ("AMD will pay US$334 million in cash and stock for SeaMicro.", "US$334 million", "USD"),  # amd
        ("Greece gets a euro110 billion ($141 billion) loan package.", "euro110 billion", "EUR"),  # athens
        ("A reward of about $215,000 has been offered.", "about $215,000", "USD"),  # kimani
    ],
)
def test_currency_signs(article, text, fragment, currency):
    found = [m for m in _numbers(article, text) if m.text == fragment]
    assert [m.quantity.unit for m in found] == [currency]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # A figure right after a singular noun it does not count names one of a series (troy, kimani, queens).
        ("They drove north on Interstate 75 at speeds of more than 100 mph.", []),
        ("The crowd marched to the 67th Precinct and officers from precinct 67 met them.", []),
        ("The driver was taken to the 112th Precinct, and was held in room 12.", []),
        # ... while a figure before what it counts, or a magnitude, is an amount (kimani, geysers).
        ("Police arrested 46 protesters along Church Avenue.", ["46 protesters"]),
        ("A magnitude 4.6 earthquake struck near The Geysers.", ["4.6"]),
    ],
)
def test_labels_are_not_amounts(article, text, labels):
    counted = [m.text for m in _numbers(article, text) if not m.key.startswith("speed")]
    assert counted == labels


def test_an_event_less_count_takes_the_one_event_of_that_thing(article):
    items = [
        ("a", "Officers found a 12-gauge pump-action shotgun and three live shells in the vehicle, Pickell said."),
        ("b", "A 12-gauge pump-action shotgun and three live shells were found."),  # troy
        ("c", "Officers seized 55,000 files on 183 CDs."),  # netanyahu: another thing, left alone
    ]
    ms = [m for sid, text in items for m in _numbers(article, text, sid)]
    groups = align_numbers(ms, StoryContext("s", {}, EntityIndex.build([])))
    assert [m.key for m in ms if m.text == "three live shells"] == ["shells|", "shells|found"]  # as extracted
    shells = [g for g in groups if g.subject.startswith("shells")]
    assert len(shells) == 1 and {m.source for m in shells[0].mentions} == {"a", "b"}


def test_an_age_with_no_noun_joins_the_one_role_of_that_age(article):
    items = [
        ("a", "Prosecutors played a recording of him sexually assaulting a 12-year-old girl."),  # jeffs
        ("b", "Jurors heard a recording of Jeffs having sex with a 12-year-old as well as a DNA report."),  # jeffs
        ("c", "Police later announced the arrest of a 19-year-old, saying he was one of three."),  # athens
        ("d", "Police identified the other victims as a 47-year-old man and a 48-year-old man."),  # troy
    ]
    ms = [m for sid, text in items for m in _numbers(article, text, sid)]
    groups = align_numbers(ms, StoryContext("s", {}, EntityIndex.build([])))
    girl = next(g for g in groups if g.label == "Age of a 12-year-old girl")
    assert {m.source for m in girl.mentions} == {"a", "b"}
    nineteen = [g for g in groups if any(m.text == "19-year-old" for m in g.mentions)]
    assert [g.status for g in nineteen] == ["single"]
    assert all(g.status != "differ" for g in groups)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # A year between a determiner and a name heading the phrase is a model year (queens, troy) ...
        ("Raj Chohan, 59, was struck by a gray 2013 Toyota Camry heading north on 117th St.", ["year|camry"]),
        ("Subryan mowed into the older woman with his gray 2013 Toyota Camry around 7 p.m.", ["year|camry"]),
        ("The suspect's vehicle -- a 2007 silver Ford Fusion -- was found on Interstate 75.", ["year|fusion"]),
        (
            "The driver took off after the accident, but witnesses identified the vehicle as a grey 2013 Toyota Camry and Vishwanand Subryan, 23, of Schenectady, was identified and arrested not far from the scene, police said.",  # noqa: E501
            ["year|camry"],
        ),
        # ... a name joined by a hyphen to what follows does not head the phrase (pelosi): "Party-inspired".
        ("Democrats lost the House majority in the 2010 Tea Party-inspired wave election.", []),
        # ... a year in a date or before a common noun is not (dnc, jeffs, amd).
        ("Russia conspired to tilt the 2016 U.S. presidential election in Donald Trump's favor.", []),
        ("Texas Rangers seized the documents during a 2008 police raid at the ranch.", []),
        ("In 2008 Jeffs was arrested, and the company doesn't change its 2012 financial guidance.", []),
    ],
)
def test_model_years(article, text, keys):
    assert [m.key for m in _numbers(article, text) if m.key.startswith("year|") or m.text[:2] in ("19", "20")] == keys


@pytest.mark.parametrize(
    ("text", "fragment", "setting"),
    [
        # pelosi: the earlier vote, "In 2010" fronted before a subordinate clause of the figure's clause
        (
            "In 2010, after a wave of Tea Party Republicans swept Democrats out of power, she lost just 43 votes.",
            "43 votes",
            "2010",
        ),
        ("She won by a 134-to-63 vote.", "134-to-63", ""),
        # geysers: an earlier quake's distance
        ("In June 2012, a 3.0 quake struck one mile north of The Geysers.", "one mile", "2012"),
        # kimani: an officer's earlier lawsuits
        ("In 2009 and 2010, Mourad was sued three times with allegations of misconduct.", "three times", "2009"),
        # warren_jeffs: the purchase of 2003, in the clause the sums belong to
        ("The church bought 1,700 acres of land outside the town for $1.2 million in 2003.", "1,700 acres", "2003"),
        # a year that only names a noun, or starts a span, does not set a figure apart (dnc, pelosi)
        ("Russia hacked 20 computers during the 2016 campaign.", "20 computers", ""),
        ("Hoyer and Clyburn, who won 80 votes, have been leaders since 2003 and 2007.", "80 votes", ""),
    ],
)
def test_an_undated_figure_is_set_in_the_year_of_its_own_clause(article, text, fragment, setting):
    found = [m for m in _numbers(article, text, published=None) if m.text.endswith(fragment.split()[-1])]
    assert found, text
    assert found[0].quantity.setting == setting


@pytest.mark.parametrize(
    ("text", "fragment", "tally"),
    [
        # pelosi: three wordings of one vote, and another vote of the same day
        (
            "But while Ms. Pelosi won, 134 to 63, Mr. Ryan's strong showing was a sign of discontent.",
            "134 to 63",
            (134, 63),
        ),
        ("She won by a 134-to-63 vote.", "134-to-63", (134, 63)),
        ("Pelosi defeated her lone challenger, Rep. Tim Ryan (Ohio), by a vote of 134 to 63.", "134 to 63", (134, 63)),
        (
            "Representative Joseph Crowley of New York was also elected chairman of the House Democratic Caucus, and "
            "in a narrow victory, 98 to 96, Representative Linda T. Sánchez of California defeated another California "
            "Democrat, Representative Barbara Lee, to become vice chairwoman.",
            "98 to 96",
            (98, 96),
        ),
        # a score is a tally too
        ("The Lakers beat the Celtics 102-99 on Sunday.", "102-99", (102, 99)),
        # negatives: ranges written smallest first stay ranges (athens, kimani), a change is no tally
        ("A great deal of money was made over the last 10-20 years.", None, None),
        ("Between 60 and 100 rioters were arrested.", "Between 60 and 100 rioters", None),
        ("Some 60 to 70 demonstrators won a hearing.", "Some 60 to 70 demonstrators", None),
        ("Support for the bill fell from 300 to 150 votes after the scandal.", None, None),
    ],
)
def test_a_tally_is_two_counts_not_a_range(article, text, fragment, tally):
    """'134 to 63' in a vote is the two sides' counts; written smallest first, or with no vote or win, a range."""
    found = {m.text: m for m in _numbers(article, text)}
    tallies = [m for m in found.values() if m.quantity.counted == "tally"]
    if tally is None:
        assert not tallies, text
        if fragment:
            assert found[fragment].quantity.against is None
        return
    (m,) = tallies
    assert m.text == fragment and m.key == "tally|"
    assert (m.quantity.figure, m.quantity.against) == tuple(Decimal(n) for n in tally)
    assert m.value == f"{tally[0]} to {tally[1]}"
    assert mention_from_json(mention_to_json(m)) == m


def test_outlets_stating_one_tally_agree_and_different_tallies_differ(article):
    """pelosi: three outlets' 134 to 63 agree; a 134 to 60 beside it differs, though its first count is the same."""
    same = [
        ("a", "But while Ms. Pelosi won, 134 to 63, Mr. Ryan's strong showing was a sign of discontent."),
        ("b", "She won by a 134-to-63 vote."),
        ("c", "Pelosi defeated her lone challenger, Rep. Tim Ryan (Ohio), by a vote of 134 to 63."),
    ]
    _, groups = _align(article, same)
    (group,) = [g for g in groups if g.mentions[0].quantity.counted == "tally"]
    assert group.status == "agree" and len(group.mentions) == 3
    _, groups = _align(article, [*same[:2], ("c", "Pelosi defeated Tim Ryan by a vote of 134 to 60.")])
    (group,) = [g for g in groups if g.mentions[0].quantity.counted == "tally"]
    assert group.status == "differ" and "134 to 60" in group.verdict


@pytest.mark.parametrize(
    ("text", "part", "whole"),
    [
        # kimani: the part and the whole are two figures; what hit him is said of the three only
        (
            "An autopsy shows that Gray was hit in the back by three of the seven bullets fired by the officers.",
            ("three", "shots||part"),
            ("seven bullets", "shots||whole"),
        ),
        # athens, queens: a whole with no event
        (
            "Yiannis Panagopoulos, head of GSEE, one of the two largest unions, spoke.",
            ("one", "union||part"),
            ("two largest unions", "union||whole"),
        ),
        ("The crash was one of three accidents on the boulevard that night.", ("one", "accident||part"), None),
        # troy: no figure on the whole, the part runs to its noun
        (
            "I'm not positive all three of the people were targeted.",
            ("three of the people", "people|struck|part"),
            None,
        ),
        (
            "Two of the five men were arrested on Monday.",
            ("Two", "people|arrested|part"),
            ("five men", "people||whole"),
        ),
    ],
)
def test_a_part_and_the_whole_it_is_of_are_two_facts(article, text, part, whole):
    found = {m.text: m.key for m in _numbers(article, text)}
    assert found.get(part[0]) == part[1], found
    if whole:
        assert found.get(whole[0]) == whole[1], found


@pytest.mark.parametrize(
    ("text", "fragment", "key"),
    [
        # athens: the 'at' phrase hangs on the purpose clause under 'put'
        (
            "Police put the march, to mark a 24-hour nationwide strike, at roughly 30,000 people.",
            "roughly 30,000 people",
            "people|gathered",
        ),
        # kimani: a bare figure for the crowd
        (
            "NBC New York estimated the crowd at 70, and the Post says a crowd looted a Rite Aid.",
            "70",
            "people|gathered",
        ),
        ("Police estimated the rally at about 5,000 people.", "about 5,000 people", "people|gathered"),
        # negatives: an estimate of what is not a gathering, or of things that are not people (troy, queens)
        ("Officials put the cost of the chase at 40 cars.", "40 cars", "car|"),
        ("Organizers put the damage at 40 homes.", "40 homes", "home|"),
    ],
)
def test_an_estimate_of_a_gathering_counts_the_people_who_gathered(article, text, fragment, key):
    found = {m.text: m.key for m in _numbers(article, text)}
    assert found.get(fragment) == key, found


@pytest.mark.parametrize(
    ("text", "published", "fragment", "day"),
    [
        # kimani: the night a crowd's own clause names, counted from the article's date (Thursday 14 March)
        (
            "On Wednesday night, about 200 people attended the vigil.",
            date(2013, 3, 14),
            "about 200 people",
            date(2013, 3, 13),
        ),
        (
            "On Monday a group of about 130 people were marching toward the 67th Police Precinct station.",
            date(2013, 3, 14),
            "about 130 people",
            date(2013, 3, 11),
        ),
        # athens: the story's own day is a day too
        (
            "Tens of thousands of people took to the streets of Athens on Wednesday.",
            date(2010, 5, 5),
            "Tens of thousands of people",
            date(2010, 5, 5),
        ),
        # no day in the figure's clause, no day for an undated article, none for a count that does not recur
        (
            "Between 60 and 100 rioters gathered around Church and Snyder Ave.",
            date(2013, 3, 12),
            "Between 60 and 100 rioters",
            None,
        ),
        ("On Wednesday night, about 200 people attended the vigil.", None, "about 200 people", None),
        ("A gunman killed one person Monday in an office building in Troy.", date(2007, 4, 10), "one person", None),
    ],
)
def test_a_recurring_count_is_dated_by_its_own_clause(article, text, published, fragment, day):
    found = {m.text: m for m in _numbers(article, text, published=published)}
    assert found[fragment].quantity.on == day
    assert mention_from_json(mention_to_json(found[fragment])) == found[fragment]


def test_crowds_of_different_nights_are_different_facts(article):
    """kimani: Monday's 130 and Wednesday's 200 stay apart; 'more than 100', which fits both, stays with the
    counts that name no night, and is compared with them."""
    items = [
        ("bi", "On Monday a group of about 130 people were marching toward the 67th Police Precinct station."),
        ("nyt", "On Wednesday night, about 200 people attended the vigil."),
        ("rt", "Police intervened after more than 100 people joined together for a candlelit vigil."),
        ("goth", "NBC New York estimated the crowd at 70, and the Post says a crowd looted a Rite Aid."),
    ]
    ms = [m for sid, text in items for m in _numbers(article, text, sid, published=date(2013, 3, 14))]
    groups = align_numbers(ms, StoryContext("s", {}, EntityIndex.build([])))
    by_sources = {tuple(sorted({m.source for m in g.mentions})): g for g in groups if g.kind == "number"}
    assert sorted(by_sources) == [("bi",), ("goth", "rt"), ("nyt",)]
    assert by_sources[("goth", "rt")].status == "differ"


@pytest.mark.parametrize(
    ("cluster", "text", "fragment", "value"),
    [  # a value says what it counts in the number it gives: the noun as the article writes it
        (
            "pelosi",
            "Democrats, who had high hopes of significant gains in the election, picked up just six seats on "
            "Election Day earlier this month and remain in the minority with 194 seats.",
            "194 seats",
            "194 seats",
        ),
        (
            "queens",
            "Chohan, an immigrant from India who leaves behind a husband, son and two grandchildren, died later "
            "that night, police said.",
            "two grandchildren",
            "2 grandchildren",
        ),
        ("kimani (edited)", "Seven bullets hit him; one shot struck his back.", "one shot", "1 shot struck"),
        ("athens (edited)", "One person was killed.", "One person", "1 person killed"),
    ],
)
def test_a_values_noun_agrees_with_its_count(article, cluster, text, fragment, value):
    (m,) = [m for m in _numbers(article, text) if m.text == fragment]
    assert m.value == value, cluster


@pytest.mark.parametrize(
    ("cluster", "sentence", "values"),
    [
        ("jeffs", 'At one point he mumbled, "I am peace," and said no more.', []),
        ("jeffs", 'At one point Jeffs tells the girls or women, "You have to know how to be excited sexually."', []),
        ("athens", '"A demonstration is one thing and murder is quite another!" Papandreou thundered.', []),
        ("netanyahu", '"Tonight I\'m here to tell you one thing: Iran lied."', []),
        # negatives: "one" before a countable noun is still a count
        ("jeffs", "One female juror covered her face with her hand as she listened.", ["1 juror"]),
        ("kimani", "The NYPD said one person was arrested for disorderly conduct.", ["1 person arrested"]),
        ("geysers", "The quake was felt at one point on the coast, and one man was injured.", ["1 person injured"]),
    ],
)
def test_one_as_an_indefinite_is_no_count(article, cluster, sentence, values):
    """ "At one point", "one thing ... another": the indefinite "one" of a fixed phrase counts nothing
    (data: `indefinite_one`), so outlets sharing the phrase share no figure."""
    assert [m.value for m in extract(article(sentence))] == values, cluster


@pytest.mark.parametrize(
    ("text", "fragment", "key"),
    [
        # Person nouns no lexicon lists count people when an event befalls them (WordNet's first sense).
        ("Prior to the trial he fired seven lawyers.", "seven lawyers", "people|fired"),
        ("The company fired seven attorneys.", "seven attorneys", "people|fired"),
        ("Ten miners were killed when the tunnel collapsed.", "Ten miners", "people|killed"),
        ("Police arrested 12 migrants near the border.", "12 migrants", "people|arrested"),
        ("Three jurors were injured in the crash.", "Three jurors", "people|injured"),
        # With no event only the lexicon's generic nouns are people; any other person noun is compared as itself.
        ("Two Democratic donors and a former staffer filed the suit.", "Two Democratic donors", "donor|"),
        # Nouns WordNet reads as things keep their own key.
        ("Rescuers found 40 cars buried under the mud.", "40 cars", "car|found"),
    ],
)
def test_a_person_noun_counts_people_when_something_befalls_them(article, text, fragment, key):
    found = {m.text: m for m in _numbers(article, text)}
    assert found[fragment].key == key


def test_lawyers_and_attorneys_fired_are_one_count_and_two_men_stay_apart(article):
    _, groups = _align(
        article,
        [
            ("s1", "He represented himself after firing seven attorneys."),
            ("s2", "Prior to the trial he fired seven lawyers."),
            ("s1", "Two men were talking outside the store."),
            ("s2", "As a result, the two men have cost the city money."),
        ],
    )
    fired = [g for g in groups if g.mentions[0].key == "people|fired"]
    assert len(fired) == 1 and fired[0].status == "agree" and {m.source for m in fired[0].mentions} == {"s1", "s2"}
    men = [g for g in groups if "two men" in g.mentions[0].text.lower()]
    assert men and all(len({m.source for m in g.mentions}) == 1 for g in men)


@pytest.mark.parametrize(
    ("items", "status"),
    [
        # A bound that excludes the figure two outlets agree on is a difference, not a looser statement of it.
        (
            [
                ("s1", "The ferry capsized on Tuesday, killing at least 14 passengers."),
                ("s2", "At least 16 people were killed when the ferry capsized on Tuesday."),
                ("s3", "Fourteen people died after the ferry capsized on Tuesday."),
            ],
            "differ",
        ),
        (
            [
                ("s1", "Police said 12 people were arrested during the march."),
                ("s2", "Twelve people were arrested, police said."),
                ("s3", "More than 20 people were arrested, organisers said."),
            ],
            "differ",
        ),
        # A bound or a vague amount that the agreed figure fits stays beside it.
        (
            [
                ("s1", "Police said 12 people were arrested during the march."),
                ("s2", "Twelve people were arrested, police said."),
                ("s3", "At least 10 people were arrested, organisers said."),
            ],
            "agree",
        ),
    ],
)
def test_a_looser_figure_is_agreed_only_where_the_exact_one_fits_it(article, items, status):
    _, groups = _align(article, items)
    [group] = [g for g in groups if len({m.source for m in g.mentions}) == 3]
    assert group.status == status
