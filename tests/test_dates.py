"""Dates: extraction (value, event key) and alignment (grouping, agree/differ), on sentences from the corpora."""

# ruff: noqa: E501  (real sentences are kept whole)

from __future__ import annotations

from datetime import date

import pytest

from generator.align.base import StoryContext
from generator.align.dates import align, compatible
from generator.entities import EntityIndex
from generator.extract.dates import extract, resolve
from generator.model import When
from tests.conftest import make_source

JAN8 = date(2020, 1, 8)


def _dates(article, text, source_id="a", published=None):
    return [m for m in extract(article(text, source_id, published)) if m.kind == "date"]


def _align(mentions):
    ctx = StoryContext("s", {}, EntityIndex.build(mentions))
    return align(mentions, ctx)


@pytest.mark.parametrize(
    ("sentence", "published", "text", "value", "key"),
    [
        ("While Tehran’s missile attack on US targets in Iraq on Wednesday night appears to have been more about saving face.",
         JAN8, "Wednesday night", "2020-01-08 (Wednesday) night", "attack"),
        ("Iran launched 15 missiles at two bases housing American troops in Iraq Tuesday night, just days after a U.S. strike killed its top general.",
         JAN8, "Tuesday night", "2020-01-07 (Tuesday) night", "attack"),
        ("Soleimani was\xa0killed\xa0in a targeted, Jan. 3 airstrike near Baghdad International Airport in Iraq.",
         JAN8, "Jan. 3", "2020-01-03 (Friday)", "killing"),
        ("Iran’s direct retaliation for the January 3 U.S. assassination of Quds force commander Qasem Soleimani raises the stakes.",
         JAN8, "January 3", "2020-01-03 (Friday)", "killing"),
        ("In May 2018, President Donald Trump withdrew the United States from the Joint Comprehensive Plan of Action (JCPOA).",
         JAN8, "May 2018", "May 2018", "withdrawal"),
        ("Amid early reports of no U.S. casualties, Trump tweeted words of reassurance and said he would make a statement Wednesday morning.",
         JAN8, "Wednesday morning", "2020-01-08 (Wednesday) morning", "statement"),
        ("LaCalamita was fired from his position as a general accountant last Thursday because of poor performance, police said.",
         None, "last Thursday", "Thursday", "dismissal"),
        ("LaCalamita walked in around 10 a.m., stopped briefly at the reception desk, then entered the office.",
         None, "around 10 a.m.", "about 10:00", "walk"),
        ("The Napa Valley was shaken at 2:09 a.m. Thursday by a 4.6 magnitude earthquake.",
         None, "2:09 a.m. Thursday", "Thursday 02:09", "shake"),
    ],
)  # fmt: skip
def test_extracts_value_and_event(article, sentence, published, text, value, key):
    found = {m.text: m for m in _dates(article, sentence, published=published)}
    assert text in found, list(found)
    assert found[text].value == value
    assert found[text].key.startswith(key) or found[text].key == "earthquake"
    assert sentence[found[text].start : found[text].end] == text


@pytest.mark.parametrize(
    "sentence",
    [
        "We have 7,000 years of history.",
        "A 50-year-old man from Dexter, Michigan, tipped off authorities.",
        "Sheriff's deputies chased him before he finally pulled over after about 15 minutes.",
        "POSTED: 1052 GMT (1852 HKT), April 10, 2007",
        "Trump, despite campaigning to end foreign entanglements, refused the demand, USA Today reported.",
    ],
)
def test_skips_durations_ages_stamps_and_names(article, sentence):
    assert _dates(article, sentence) == []


def test_future_weekday_is_the_next_one(article):
    said = "Trump said he would make a statement Tuesday."
    [m] = _dates(article, said, published=date(2020, 1, 6))
    assert m.when.earliest == date(2020, 1, 7)
    [past] = _dates(article, "The regime said late Tuesday that it would not escalate.", published=JAN8)
    assert past.when.earliest == date(2020, 1, 7)


def test_relative_dates_resolve_against_reference():
    monday = date(2007, 4, 9)
    assert resolve("last week", monday).earliest == date(2007, 4, 2)
    assert resolve("yesterday", monday).earliest == date(2007, 4, 8)
    assert resolve("last Thursday", monday).earliest == date(2007, 4, 5)
    assert resolve("in 2018", monday).latest == date(2018, 12, 31)
    unplaced = resolve("last week", None)
    assert unplaced is not None and unplaced.earliest is None


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (When(date(2018, 1, 1), date(2018, 12, 31)), When(date(2018, 5, 1), date(2018, 5, 31)), True),
        (When(date(2020, 1, 7), date(2020, 1, 7), 1, "night"), When(date(2020, 1, 8), date(2020, 1, 8), 2, "night"), False),
        (When(date(2020, 1, 7), date(2020, 1, 7), 1, "night"), When(date(2020, 1, 8), date(2020, 1, 8), 2, "early"), True),
        (When(None, None, 5, clock="10:00"), When(None, None, 5, clock="10:30"), True),
        (When(None, None, 5), When(None, None, 0), False),
        (When(None, None, 5), When(None, None), True),
    ],
)  # fmt: skip
def test_compatible(a, b, ok):
    assert compatible(a, b) is ok
    assert compatible(b, a) is ok


def test_demo_missile_strike_differs_and_soleimani_agrees(article):
    s0 = _dates(
        article,
        "While Tehran’s missile attack on US targets in Iraq on Wednesday night appears to have been more about saving face.",
        "s0",
        JAN8,
    )  # noqa: E501
    s3 = _dates(
        article,
        "Iran launched 15 missiles at two bases housing American troops in Iraq Tuesday night, just days after a U.S. strike killed its top general.",
        "s3",
        JAN8,
    )  # noqa: E501
    s2 = _dates(
        article,
        "Iran’s direct retaliation for the January 3 U.S. assassination of Quds force commander Qasem Soleimani raises the stakes.",
        "s2",
        JAN8,
    )  # noqa: E501
    s4 = _dates(
        article,
        "Soleimani was\xa0killed\xa0in a targeted, Jan. 3 airstrike near Baghdad International Airport in Iraq.",
        "s4",
        JAN8,
    )  # noqa: E501
    groups = _align(s0 + s3 + s2 + s4)
    by_key = {g.mentions[0].key: g for g in groups}
    assert by_key["attack"].status == "differ"
    assert (
        by_key["attack"].verdict == "Outlets differ: Tuesday 7 January 2020, night vs Wednesday 8 January 2020, night"
    )
    assert by_key["killing"].status == "agree"
    assert {m.source for m in by_key["killing"].mentions} == {"s2", "s4"}


def test_year_and_month_agree_and_other_years_stay_apart(article):
    s3 = _dates(
        article,
        "Iran’s attack marked the culmination of escalations after Trump withdrew from the Iran nuclear deal in 2018.",
        "s3",
        JAN8,
    )  # noqa: E501
    s4 = _dates(
        article,
        "In May 2018, President Donald Trump withdrew the United States from the Joint Comprehensive Plan of Action.",
        "s4",
        JAN8,
    )  # noqa: E501
    s0 = _dates(
        article,
        "Last year’s attack on the Saudi Aramco oil refinery was a big blow to Saudi Arabia’s leaders.",
        "s0",
        JAN8,
    )  # noqa: E501
    groups = _align(s3 + s4 + s0)
    withdrawal = next(g for g in groups if g.mentions[0].key == "withdrawal")
    assert withdrawal.status == "agree" and len(withdrawal.mentions) == 2
    assert all(g.status != "differ" for g in groups)


def test_troy_fired_last_week_agrees_with_last_thursday(article):
    texts = {
        "cnn": "A man suspected of shooting three people at the suburban Detroit accounting firm from which he was fired last week was arrested.",  # noqa: E501
        "nbc": "An accounting firm employee who was fired last week shot and killed a woman and wounded two men Monday. "
        "LaCalamita was fired last week, Craft said, but still was listed on the Web site of Gordon Advisors.",
        "fox": "LaCalamita was fired from his position as a general accountant last Thursday because of poor performance, police said.",  # noqa: E501
        "acc": "LaCalamita had been fired last Thursday as a general accountant at the firm and bought a shotgun and shells on Friday.",  # noqa: E501
    }
    mentions = [m for sid, t in texts.items() for m in _dates(article, t, sid)]
    groups = _align(mentions)
    fired = next(g for g in groups if g.mentions[0].key == "dismissal")
    assert fired.status == "agree"
    assert {m.source for m in fired.mentions} == set(texts)
    assert "Friday" not in {m.text for m in fired.mentions}  # buying the gun is another event
    unplaced = [m for m in fired.mentions if m.text == "last week"]
    assert unplaced and all(m.when.earliest is None for m in unplaced)


def test_weekday_only_mentions_of_one_event_differ(article):
    a = _dates(article, "Netanyahu met in Tel Aviv on Sunday with new U.S. Secretary of State Mike Pompeo.", "a")
    b = _dates(article, "Netanyahu met in Tel Aviv on Saturday with new U.S. Secretary of State Mike Pompeo.", "b")
    [group] = _align(a + b)
    assert group.status == "differ"
    assert group.verdict == "Outlets differ: Saturday vs Sunday"


def test_one_outlet_repeating_itself_is_single(article):
    text = (
        "While Tehran’s missile attack on US targets in Iraq on Wednesday night appears to have been about saving face. "
        "Wednesday night’s barrage of missiles fired at US targets in Iraq directly from Iran by Revolutionary Guard "
        "forces constitutes Tehran’s retaliation so far."
    )
    groups = _align(_dates(article, text, "s0", JAN8))
    assert [g.status for g in groups] == ["single"]


def _group_of(groups, source, text):
    return next(g for g in groups if any(m.source == source and m.text == text for m in g.mentions))


@pytest.mark.parametrize(
    ("sentence", "published", "text", "value", "key"),
    [
        ("The administration echoed the claims made by Prime Minister Benjamin Netanyahu on Monday in a dramatic PowerPoint presentation, suggesting he had coordinated it with the White House.",
         None, "Monday", "Monday", "statement"),
        ("Netanyahu used a televised address Monday to revealed that Israel had obtained hundreds of thousands of Iranian files.",
         None, "Monday", "Monday", "statement"),
        ("But there were no signs that Mr. Netanyahu's presentation on Monday swayed the three European leaders.",
         None, "Monday", "Monday", "statement"),
        ("The president faces a May 12 deadline to decide whether to re-ratify it.",
         None, "May 12", "May 12", "deadline"),
        ("The president faces a May 12 deadline to decide whether to re-ratify it.",
         date(2018, 4, 30), "May 12", "2018-05-12 (Saturday)", "deadline"),
        ("Netanyahu met in Tel Aviv on Sunday with new U.S. Secretary of State Mike Pompeo.",
         date(2018, 4, 30), "Sunday", "2018-04-29 (Sunday)", "meeting"),
        ("Officials tell news that a 4.6 magnitude California earthquake began today shortly after 2:09 am PST.",
         date(2013, 3, 14), "today shortly after 2:09 am PST", "2013-03-14 (Thursday) about 02:09 PST", "earthquake"),
    ],
)  # fmt: skip
def test_more_values_and_events(article, sentence, published, text, value, key):
    """Claims and addresses are statements, "signs" no signing; a day without a year stays a date, unplaced."""
    found = {m.text: m for m in _dates(article, sentence, published=published)}
    assert text in found, list(found)
    assert (found[text].value, found[text].key) == (value, key)


def test_time_zones_are_kept_and_only_same_zone_clocks_compared():
    gmt = resolve("2:31 a.m. GMT", date(2013, 3, 12))
    assert (gmt.clock, gmt.timezone, gmt.earliest) == ("02:31", "GMT", None)  # a clock alone names no day
    local = resolve("around 10 p.m. local time", None)
    assert (local.clock, local.timezone) == ("22:00", "local time")
    same_day = date(2013, 3, 12)
    assert compatible(When(same_day, same_day, clock="02:31", timezone="GMT"), When(same_day, same_day, clock="22:00", timezone="EDT"))  # fmt: skip
    assert not compatible(When(same_day, same_day, clock="02:31", timezone="GMT"), When(same_day, same_day, clock="22:00", timezone="GMT"))  # fmt: skip


def test_netanyahu_presentation_day_is_one_fact_in_all_five(article):
    texts = {
        "reuters": "TEL AVIV (Reuters) - Israel presented on Monday what it said was evidence that Iran had continued gathering nuclear knowledge after signing a 2015 agreement with world powers to curb it.",  # noqa: E501
        "nyt": "The administration echoed the claims made by Prime Minister Benjamin Netanyahu on Monday in a dramatic PowerPoint presentation, suggesting he had coordinated it with the White House.",  # noqa: E501
        "usat": 'Tens of thousands of secret files and other evidence proves the 2015 Iran nuclear deal is "based on lies and Iranian deception" and should be thrown out, Israeli Prime Minister Benjamin Netanyahu said Monday.',  # noqa: E501
        "fox": 'Israeli Prime Minister Benjamin Netanyahu revealed new "dramatic" intelligence Monday which he claimed shows Iran is "brazenly lying" about its nuclear weapons program.',  # noqa: E501
        "breitbart": "Netanyahu used a televised address Monday to revealed that Israel had obtained hundreds of thousands of Iranian files.",  # noqa: E501
        "nyt2": "Mr. Netanyahu briefed Secretary of State Mike Pompeo about the details in Tel Aviv on Sunday.",
    }
    groups = _align([m for sid, t in texts.items() for m in _dates(article, t, sid)])
    monday = _group_of(groups, "breitbart", "Monday")
    assert monday.status == "agree"
    assert {m.source for m in monday.mentions} == set(texts) - {"nyt2"}
    assert _group_of(groups, "nyt2", "Sunday").status == "single"  # the meeting the day before is another event


def test_decision_deadline_without_year_matches_by_its_words(article):
    texts = {
        "nyt": "Mr. Trump has threatened to scrap the deal as soon as May 12, if Britain, France and Germany do not agree to wholesale changes.",  # noqa: E501
        "fox": "The president faces a May 12 deadline to decide whether to re-ratify it.",
        "breitbart": "Netanyahu's presentation came just days before a highly-anticipated and self-imposed May 12 deadline for the Trump administration to withdraw from the Iran nuclear deal.",  # noqa: E501
        "usat": "The goal is passage by Friday; Greece faces a May 19 due date on debt it says it can't repay without the bailout.",  # noqa: E501
    }
    groups = _align([m for sid, t in texts.items() for m in _dates(article, t, sid)])
    deadline = _group_of(groups, "fox", "May 12")
    assert deadline.status == "agree"
    assert {m.source for m in deadline.mentions} == {"nyt", "fox", "breitbart"}
    may19 = _group_of(groups, "usat", "May 19")
    assert "Friday" not in {m.text for m in may19.mentions}  # a day without a year says nothing beside a weekday


def test_troy_shooting_time_worded_with_different_verbs_is_one_fact(article):
    texts = {
        "usat": "Some witnesses told police that when the shooter walked into the office on the building's second floor around 10 a.m. Monday, he looked as if he was trying to hide something, Troy Police Chief Charles Craft said.",  # noqa: E501
        "age": "Some witnesses told police that when the shooter walked into the office on the building's second floor at about 10am today, he looked as if he was trying to hide something, Troy Police Chief Charles Craft said.",  # noqa: E501
        "nyt": "The suspect, identified as Anthony LaCalamita, entered the second-floor office of the accounting firm, Gordon Advisors, about 10 a.m. and opened fire, the police said.",  # noqa: E501
        "fox": "Troy police Sgt. Barry Whiteside said LaCalamita first stopped at the reception area after 10 a.m. on Monday and talked to Kafoury, then entered Steinberg's office and asked him twice if he wanted to be shot. "  # noqa: E501
        "According to receipts police recovered from his apartment, LaCalamita purchased the shotgun around 3:45 p.m. on Friday.",  # noqa: E501
        "acc": "LaCalamita walked in around 10 a.m., stopped briefly at the reception desk, then entered Alan Steinberg's office with the shotgun, Troy police Sgt. Barry Whiteside testified.",  # noqa: E501
    }
    groups = _align([m for sid, t in texts.items() for m in _dates(article, t, sid)])
    ten = _group_of(groups, "acc", "around 10 a.m.")
    assert ten.status == "agree"
    assert {m.source for m in ten.mentions} == set(texts)
    purchase = _group_of(groups, "fox", "around 3:45 p.m. on Friday")  # the gun bought days before: another event
    assert purchase is not ten and purchase.status == "single"


def test_fired_four_days_earlier_joins_its_outlets_dated_firing(article):
    texts = {
        "nbc": "LaCalamita was fired last week, Craft said, but still was listed on the Web site of Gordon Advisors.",
        "fox": "A man fired four days earlier from his job as an accountant walked into his old office, passed by the receptionist and made his way to a manager's office, a police sergeant said Wednesday during the man's arraignment. "  # noqa: E501
        "LaCalamita was fired from his position as a general accountant last Thursday because of poor performance, police said.",  # noqa: E501
        "acc": "LaCalamita had been fired last Thursday as a general accountant at the firm and bought a shotgun and shells on Friday.",  # noqa: E501
    }
    groups = _align([m for sid, t in texts.items() for m in _dates(article, t, sid)])
    fired = _group_of(groups, "fox", "four days earlier")
    assert fired.status == "agree"
    assert {m.text for m in fired.mentions} >= {"last week", "four days earlier", "last Thursday"}
    assert "Wednesday" not in {m.text for m in fired.mentions}


def test_kimani_shooting_night_and_vigil_night_stay_apart(article):
    """The trap: a killing on Saturday night and the vigil two days later name the same teenager."""
    texts = {
        "pix": "A candle light vigil turned violent Monday night in East Flatbush, Brooklyn. NYPD officers shot and killed the teen late Saturday night.",  # noqa: E501
        "rt": "Kimani Gray was shot and killed on Saturday night, after police say he pointed a gun at officers.",
        "bi": "On Monday a group of about 130 people were marching toward the 67th Police Precinct station when about two dozen young protesters splintered off.",  # noqa: E501
    }
    groups = _align([m for sid, t in texts.items() for m in _dates(article, t, sid)])
    assert all(g.status != "differ" for g in groups)
    shooting = _group_of(groups, "rt", "Saturday night")
    assert {m.source for m in shooting.mentions} == {"pix", "rt"}
    assert all(m.when.weekday == 5 for m in shooting.mentions)


def test_undated_recent_helpers():
    from generator.extract.dates import is_recent, names_month_day

    assert [is_recent(t) for t in ("four days earlier", "last week", "today", "last year", "two weeks ago")] == [
        True, True, True, False, False,
    ]  # fmt: skip
    assert [names_month_day(t) for t in ("May 12", "3 January", "May 2018", "Monday")] == [True, True, False, False]


# --- dateparser against the reference date: real expressions of five clusters -----------------------

KIMANI, NETANYAHU, TROY, AMD, QUEENS, JEFFS = (
    date(2013, 3, 12),
    date(2018, 4, 30),
    date(2007, 4, 11),
    date(2012, 2, 29),
    date(2013, 9, 14),
    date(2011, 8, 9),
)


@pytest.mark.parametrize(
    ("text", "ref", "earliest", "latest", "weekday", "clock"),
    [
        ("Saturday night", KIMANI, date(2013, 3, 9), date(2013, 3, 9), 5, None),
        ("March 9", KIMANI, date(2013, 3, 9), date(2013, 3, 9), 5, None),
        ("just before 11:30 p.m. on Saturday", KIMANI, date(2013, 3, 9), date(2013, 3, 9), 5, "23:30"),
        ("in January", NETANYAHU, date(2018, 1, 1), date(2018, 1, 31), None, None),
        ("within the past 10 days", NETANYAHU, date(2018, 4, 20), date(2018, 4, 30), None, None),
        ("last week", TROY, date(2007, 4, 2), date(2007, 4, 8), None, None),
        ("two days later", TROY, date(2007, 4, 6), date(2007, 4, 11), None, None),
        ("in August", AMD, date(2011, 8, 1), date(2011, 8, 31), None, None),  # "became chief executive in August"
        ("the second half of 2012", AMD, date(2012, 1, 1), date(2012, 12, 31), None, None),
        ("about 7 p.m.", QUEENS, None, None, None, "19:00"),  # a clock alone names no day
        ("7:01 p.m. on Friday", QUEENS, date(2013, 9, 13), date(2013, 9, 13), 4, "19:01"),
        ("April 2008", JEFFS, date(2008, 4, 1), date(2008, 4, 30), None, None),
        ("Saturday", None, None, None, 5, None),  # no reference: still the weekday
    ],
)  # fmt: skip
def test_dateparser_places_expressions_on_the_reference(text, ref, earliest, latest, weekday, clock):
    w = resolve(text, ref)
    assert (w.earliest, w.latest, w.weekday, w.clock) == (earliest, latest, weekday, clock)


@pytest.mark.parametrize("text", ["15 minutes", "7,000 years", "4.5 hours", "55-minute"])
def test_durations_are_no_dates(text):
    assert resolve(text, TROY) is None


@pytest.mark.parametrize(
    ("cluster", "text"),
    [  # dateparser reads a plural number as seconds ago ("80s" -> 11:58:40): an age bracket or a decade is no day
        ("pelosi", "in their 80s"),
        ("pelosi", "they're all in their 70s now"),
        ("netanyahu", "the early 2000's"),
        ("invented", "the 1980s"),
        ("invented", "the mid-'90s"),
    ],
)
def test_decades_and_age_brackets_are_no_dates(cluster, text):
    assert resolve(text, TROY) is None, cluster


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("PUBLISHED: 02:31 GMT, 12 March 2013 | UPDATED: 22:19 GMT, 12 March 2013", date(2013, 3, 12)),
        ("First Posted: 08/04/11 06:44 PM ET Updated: 10/04/11 06:12 AM ET", date(2011, 8, 4)),
        ("02.29.12 4:15 PM", date(2012, 2, 29)),
        ("POSTED: 1052 GMT (1852 HKT), April 10, 2007", date(2007, 4, 10)),
        ("on September 14, 2013 11:41am | Updated on September 14, 2013 11:41am", date(2013, 9, 14)),
        ("Published: Tuesday, Aug. 2 2011 7:08 p.m. MDT", date(2011, 8, 2)),
    ],
)
def test_page_time_stamp_gives_the_publication_day(stamp, day):
    from generator.extract.dates import stamp_days

    assert min(stamp_days(stamp)) == day


def _devset_dates(name: str, path: str):
    """The date mentions of one real dev-set article, read and parsed as a build does (no metadata date)."""
    from conftest import SHARED

    from generator import nlp
    from generator.extract import ArticleDoc
    from generator.ingest import read_corpus

    source = next(s for s in read_corpus(SHARED / "devset" / name).sources if s.path == path)
    doc = nlp.parse([source])[source.id]
    return [m for m in extract(ArticleDoc(source, doc, None, False)) if m.kind == "date"]


@pytest.mark.parametrize(
    ("cluster", "path", "text", "day"),
    [
        ("kimani_gray_2013", "02_rt.txt", "Saturday night", date(2013, 3, 9)),
        ("warren_jeffs_trial_2011", "02_deseretnews.txt", "Tuesday", date(2011, 8, 2)),
        ("warren_jeffs_trial_2011", "06_cnn.txt", "Tuesday", date(2011, 8, 9)),
        ("queens_hit_and_run_2013", "06_nbcnewyork.txt", "Friday night", date(2013, 9, 13)),
        ("troy_office_shooting_2007", "06_foxnews.txt", "last Thursday", date(2007, 4, 5)),
    ],
)
def test_undated_article_is_read_against_its_page_stamp(cluster, path, text, day):
    found = [m for m in _devset_dates(cluster, path) if m.text == text]
    assert found and found[0].when.earliest == day


# --- what a date fact is: one happening and its time ------------------------------------------------


def test_two_tuesdays_of_one_trial_stay_apart(article):
    """Testimony on Tuesday 2 August and the sentence on Tuesday 9 August name the same man."""
    mentions = _dates(
        article,
        "Prosecutors Tuesday put on the most shocking evidence yet in the trial of Warren Jeffs, who is charged with sexually assaulting underage girls.",
        "deseret",
        date(2011, 8, 2),
    )  # noqa: E501
    mentions += _dates(
        article,
        "Polygamist leader Warren Jeffs was sentenced Tuesday to life in prison plus 20 years for sexually assaulting two girls.",
        "cnn",
        date(2011, 8, 10),
    )  # noqa: E501
    mentions += _dates(
        article,
        "Polygamist sect leader Warren Jeffs was sentenced to life in a Texas prison on Tuesday following his conviction.",
        "csm",
        date(2011, 8, 9),
    )  # noqa: E501
    groups = _align(mentions)
    sentence = _group_of(groups, "cnn", "Tuesday")
    assert {m.source for m in sentence.mentions} == {"cnn", "csm"} and sentence.status == "agree"
    assert _group_of(groups, "deseret", "Tuesday").status == "single"


def test_arraignment_day_is_not_the_shooting_day(article):
    """Two days after a Monday shooting, the Wednesday arraignment is another happening (troy)."""
    texts = {
        "usat": "Some witnesses told police that when the shooter walked into the office on the building's second floor around 10 a.m. Monday, he looked as if he was trying to hide something.",  # noqa: E501
        "fox": "Kafoury's loved ones attended Wednesday's arraignment, and her daughter sobbed loudly during the proceedings.",
        "acc": "LaCalamita walked in around 10 a.m., stopped briefly at the reception desk, then entered Alan Steinberg's office with the shotgun.",  # noqa: E501
    }
    published = {"usat": date(2007, 4, 9), "fox": date(2007, 4, 11), "acc": date(2007, 4, 12)}
    groups = _align([m for sid, t in texts.items() for m in _dates(article, t, sid, published[sid])])
    assert all(g.status != "differ" for g in groups)
    assert _group_of(groups, "fox", "Wednesday").status == "single"
    assert {m.source for m in _group_of(groups, "usat", "around 10 a.m. Monday").mentions} == {"usat", "acc"}


def test_statements_of_unnamed_speakers_are_not_one_fact(article):
    """ "A witness told" and "He said" on the same Tuesday are two statements (kimani); so are two
    police statements about different things on one day (troy)."""
    mentions = _dates(
        article, "A witness told the Daily News Tuesday that the youth did not have a gun in his hand.", "dn", KIMANI
    )  # noqa: E501
    mentions += _dates(
        article,
        "He said at a City Council hearing on Tuesday that the violence had been caused by a disorderly group.",
        "nyt",
        KIMANI,
    )  # noqa: E501
    assert all(g.status == "single" for g in _align(mentions))


def test_a_moment_in_other_words_agrees_and_another_clock_reading_does_not(article):
    """ "Saturday" = "March 9" (kimani); "2:09 a.m." = "2:09 a.m. Thursday" but an aftershock at 2:12 a.m.
    is another happening (geysers); "about 7 p.m." = "7:01 p.m. on Friday" (queens)."""
    kimani = _dates(
        article,
        "Sixteen-year-old Kimani Gray was shot and killed on Saturday night after pointing a gun at two officers.",
        "rt",
        KIMANI,
    )  # noqa: E501
    kimani += _dates(
        article,
        "Gray was killed on March 9 by police who claim he pointed a gun at Sgt. Mourad Mourad.",
        "essence",
        date(2013, 3, 17),
    )  # noqa: E501
    [killing] = [g for g in _align(kimani) if len(g.mentions) > 1]
    assert killing.status == "agree" and killing.verdict == "Outlets agree: Saturday 9 March 2013, night"
    quake = _dates(
        article,
        "The quake occurred at 2:09 a.m. about 14 miles north-northeast of Healdsburg. It was followed by a 2.9 aftershock at 2:12 a.m.",
        "kgo",
        date(2013, 3, 14),
    )  # noqa: E501
    quake += _dates(
        article,
        "The Napa Valley was shaken at 2:09 a.m. Thursday by a magnitude 4.6 earthquake located near Clearlake.",
        "napa",
        date(2013, 3, 14),
    )  # noqa: E501
    groups = _align(quake)
    assert {m.text for m in _group_of(groups, "napa", "2:09 a.m. Thursday").mentions} == {
        "2:09 a.m.",
        "2:09 a.m. Thursday",
    }  # noqa: E501
    assert _group_of(groups, "kgo", "2:12 a.m.").status == "single"
    crash = _dates(
        article,
        "Raj K. Chohan was walking alongside parked cars on 117th Street and 97th Avenue at about 7 p.m. when she was struck by a gray 2013 Toyota Camry.",
        "tl",
        QUEENS,
    )  # noqa: E501
    crash += _dates(
        article,
        "Raj Chohan, 59, of Queens, had just parked her car around 7 p.m. Friday at 97th Avenue and 117th Street in Richmond Hill when she was hit.",
        "cbs",
        QUEENS,
    )  # noqa: E501
    crash += _dates(
        article,
        "Police responded to the Richmond Hill crash on the corner of 117th Street and 97th Avenue at 7:01 p.m. on Friday.",
        "dna",
        QUEENS,
    )  # noqa: E501
    assert "2013" not in {m.text for m in crash}  # the model year of a car dates nothing
    [when] = _align(crash)
    assert when.status == "agree" and {m.source for m in when.mentions} == {"tl", "cbs", "dna"}


@pytest.mark.parametrize(
    ("sentence", "published", "kept"),
    [
        ('Dozens chanted “NYPD, KKK, how many kids did you kill today” as they marched west on Church Ave.', None, []),
        ('"They successfully hacked the Democratic Party in 2016 and they will be back," Perez said.', date(2018, 4, 20), ["2016"]),  # noqa: E501
        ("“Iran took [and] concluded proportionate measures in self-defense,” Zarif tweeted on Tuesday.", JAN8, ["Tuesday"]),  # noqa: E501
    ],
)  # fmt: skip
def test_a_quote_keeps_its_dates_only_where_they_can_be_placed(article, sentence, published, kept):
    assert [m.text for m in _dates(article, sentence, published=published)] == kept


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Raj Chohan, 59, had just parked her car and was walking alongside other parked vehicles toward a Sikh temple when she was struck by a gray 2013 Toyota Camry heading north on 117th St.", []),  # noqa: E501
        ("Raj Chohan was hit by a 2013 gray Camry near 117th Street and 97th Avenue in Richmond Hill.", []),
        # the parse hangs these years elsewhere; the words' order still says model year (queens, troy)
        ("Raj Chohan, who lived in South Ozone Park, was walking towards a Sikh temple when Vishwanand Subryan, 23, of Schenectady, N.Y., allegedly mowed into the older woman with his gray 2013 Toyota Camry.", []),  # noqa: E501
        ("The driver took off after the accident, but witnesses identified the vehicle as a grey 2013 Toyota Camry and Vishwanand Subryan, 23, of Schenectady, was identified and arrested not far from the scene, police said.", []),  # noqa: E501
        ("A 50-year-old man from Dexter, Michigan, tipped off authorities to LaCalamita's location after hearing a description of the suspect's vehicle -- a 2007 silver Ford Fusion -- on the radio.", []),  # noqa: E501
        ("Democrats lost the House majority in the 2010 Tea Party-inspired wave election.", ["2010"]),  # pelosi
        ('Tens of thousands of secret files and other evidence proves the 2015 Iran nuclear deal is "based on lies and Iranian deception," Netanyahu said.', ["2015"]),  # noqa: E501
        ("Democratic Party sues Russia, the Trump campaign and WikiLeaks, alleging conspiracy to influence the 2016 election.", ["2016"]),  # noqa: E501
    ],
)  # fmt: skip
def test_a_model_year_is_no_date_and_an_event_year_is(article, sentence, years):
    assert [m.text for m in _dates(article, sentence)] == years


def test_a_chant_split_over_two_lines_has_no_date(article):
    """ECB+ splits RT's chant: the closing straight quote alone says the word is quoted (kimani)."""
    assert _dates(article, 'how many kids will you kill today," witnesses reported.') == []


@pytest.mark.parametrize(
    ("keyed", "unkeyed", "text", "joins"),
    [
        (  # kimani: the same time of the same day, worded where the parse names no happening
            {
                "nyt": "The police said that two plainclothes officers fatally shot the teenager, Kimani Gray, just before 11:30 p.m. on Saturday.",  # noqa: E501
                "rt": "Sixteen-year-old Kimani Gray was shot and killed on Saturday night, police said.",
            },
            "Police say that on Saturday around 11:30 p.m.",
            "Saturday around 11:30 p.m.",
            True,
        ),
        (  # queens: a bare "about 7 p.m." beside the crash's 7 p.m.
            {
                "cbs": "Raj Chohan, 59, of Queens, had just parked her car around 7 p.m. Friday at 97th Avenue and 117th Street in Richmond Hill when she was hit.",  # noqa: E501
                "tl": "Raj K. Chohan was walking alongside parked cars on 117th Street and 97th Avenue at about 7 p.m. when she was struck.",  # noqa: E501
            },
            "about 7 p.m., police said.",
            "about 7 p.m.",
            True,
        ),
        (  # kimani negative: the crowd dispersing at 10:30 p.m. is not the 11:30 p.m. shooting
            {
                "nyt": "The police said that two plainclothes officers fatally shot the teenager, Kimani Gray, just before 11:30 p.m. on Saturday.",  # noqa: E501
                "rt": "Sixteen-year-old Kimani Gray was shot and killed on Saturday night, police said.",
            },
            "At this point (10:30 p.m.), the police said that the crowd has dispersed and that there was one arrest.",
            "10:30 p.m.",
            False,
        ),
        (  # troy negative: a shooting at 10 a.m. is not a message posted in the afternoon
            {
                "usat": "Some witnesses told police that when the shooter walked into the office around 10 a.m. Monday, he looked as if he was trying to hide something.",  # noqa: E501
                "acc": "LaCalamita walked in around 10 a.m., stopped briefly at the reception desk, Troy police Sgt. Barry Whiteside testified.",  # noqa: E501
            },
            "A message was posted at 3 p.m. on the firm's Web site.",
            "3 p.m.",
            False,
        ),
    ],
)
def test_unkeyed_clock_joins_only_the_group_of_its_time(article, keyed, unkeyed, text, joins):
    mentions = [m for sid, t in keyed.items() for m in _dates(article, t, sid)]
    lone = _dates(article, unkeyed, "other")
    groups = _align(mentions + lone)
    group = _group_of(groups, "other", text)
    assert (len({m.source for m in group.mentions}) > 1) is joins
    assert all(g.status != "differ" for g in groups)


@pytest.mark.parametrize(
    ("cluster", "texts", "lone", "joins"),
    [
        (  # a calendar date that happens to fall on a Friday is not the filing "Friday" of undated articles
            "dnc",
            {
                "huff": "The Democratic Party sued the Russian government, U.S. President Donald Trump's campaign and WikiLeaks on Friday, charging that they carried out a wide-ranging conspiracy.",
                "usat": "The Democratic National Committee filed a lawsuit Friday against the Russian government, the Trump campaign and WikiLeaks, alleging they conspired to influence the 2016 election.",
                "fox": "The Democratic Party on Friday filed a multimillion-dollar federal lawsuit against Trump campaign officials, the Russian government and WikiLeaks alleging a widespread conspiracy.",
                "nyt": "The timing of that earlier filing came just before a one-year statute of limitations was about to expire; WikiLeaks published the first archives of stolen Democratic National Committee emails on July 22, 2016.",
            },
            ("nyt", "July 22, 2016"),
            False,
        ),
        (  # a weekday the outlet wrote is still the same moment as the others' weekday
            "troy",
            {
                "nbc": "LaCalamita walked into his former office at Gordon Advisors in Troy on Monday and shot three people, police said.",
                "cnn": "LaCalamita walked into the Gordon Advisors office in Troy on Monday, police said.",
                "fox": "Troy police said LaCalamita first stopped at the Gordon Advisors reception area on Monday and talked to Kafoury.",
            },
            ("fox", "Monday"),
            True,
        ),
    ],
)
def test_a_calendar_dates_weekday_is_no_evidence_of_a_written_weekday(article, cluster, texts, lone, joins):
    groups = _align([m for sid, t in texts.items() for m in _dates(article, t, sid)])
    source, text = lone
    group = _group_of(groups, source, text)
    assert (len({m.source for m in group.mentions}) > 1) is joins, cluster
    assert "2016-07-22" not in group.verdict and "22 July" not in group.verdict, cluster


@pytest.mark.parametrize(
    ("cluster", "texts", "lone", "joins"),
    [
        (  # "the FBI raid ... last week" is not the 2016 campaign the same outlet dates with the same event class
            "dnc",
            {
                "fox": "The suit amounts to another legal broadside related to the 2016 race, on top of the special counsel's ongoing Russia probe and the FBI raid on Trump's personal attorney last week. "
                '"During the 2016 presidential campaign, Russia launched an all-out assault on our democracy, and it found a willing and active partner in Donald Trump\'s campaign," said DNC Chairman Tom Perez.',
                "huff": '"During the 2016 presidential campaign, Russia launched an all-out assault on our democracy and it found a willing and active partner in Donald Trump\'s campaign," said Tom Perez, chair of the DNC.',
            },
            ("fox", "last week"),
            False,
        ),
        (  # "fired four days earlier" still joins its outlet's "last Thursday"
            "troy",
            {
                "nbc": "LaCalamita was fired last week, Craft said, but still was listed on the Web site of Gordon Advisors.",
                "fox": "A man fired four days earlier from his job as an accountant walked into his old office, a police sergeant said. "
                "LaCalamita was fired from his position as a general accountant last Thursday because of poor performance, police said.",
                "acc": "LaCalamita had been fired last Thursday as a general accountant at the firm.",
            },
            ("fox", "four days earlier"),
            True,
        ),
    ],
)
def test_an_undated_recent_date_joins_only_a_day_of_its_outlet(article, cluster, texts, lone, joins):
    groups = _align([m for sid, t in texts.items() for m in _dates(article, t, sid)])
    source, text = lone
    group = _group_of(groups, source, text)
    assert (len(group.mentions) > 1) is joins, cluster
    assert group.verdict != "Outlets agree: last week", cluster


_LEADS = [
    (  # pelosi: three outlets open with the vote's day, each with its own verb
        {
            "nyt": "WASHINGTON — House Democrats on Wednesday rejected appeals that they need new leaders to win back disaffected voters, re-electing Representative Nancy Pelosi of California to an eighth term as House leader.",  # noqa: E501
            "fox": "California Democratic Rep. Nancy Pelosi on Wednesday was appointed to an eighth term as House minority leader, surviving a challenge from a Midwestern Democrat.",  # noqa: E501
            "huff": "WASHINGTON ― House Minority Leader Nancy Pelosi (D-Calif.) was re-elected to her leadership post Wednesday morning.",  # noqa: E501
        },
        date(2016, 11, 30),
        ("nyt", "Wednesday"),
        {"nyt", "fox", "huff"},
    ),
    (  # troy: CNN's lead joins the other outlets' day and time of the shooting
        {
            "cnn": "A Michigan man shot to death one person and injured two others Monday at the suburban Detroit accounting firm from which he was fired last week, police said.",  # noqa: E501
            "nyt": "A man who was fired last week from his job at an accounting firm in suburban Detroit walked into his former office with a shotgun on Monday and shot three people, killing one, before fleeing.",  # noqa: E501
            "usat": "Police are looking for a gunman.\nSome witnesses told police that when the shooter walked into the office on the building's second floor around 10 a.m. Monday, he looked as if he was trying to hide something.",  # noqa: E501
        },
        date(2007, 4, 9),
        ("cnn", "Monday"),
        {"cnn", "nyt", "usat"},
    ),
    (  # queens: a lead dated by its visit's verb is still the crash's Friday evening
        {
            "tl": "A 59-year-old woman was killed in a hit-and-run crash while visiting a former neighbor to welcome his new daughter-in-law to the family Friday evening, police said.",  # noqa: E501
            "wabc": "Police have a suspect in custody after a hit and run accident that killed a woman in Queens Friday night.",  # noqa: E501
            "nbc": "Police say a 59-year-old woman died after being struck by a vehicle in Queens Friday night and that officers found and arrested the driver who hit her a few blocks away.",  # noqa: E501
        },
        date(2013, 9, 14),
        ("tl", "Friday evening"),
        {"tl", "wabc", "nbc"},
    ),
    (  # kimani negative: leads of different days are different events
        {
            "nydn": "As fights between cops and angry teens erupted in East Flatbush, 46 were arrested Wednesday night.",
            "rt": "Sixteen-year-old Kimani Gray was shot and killed on Saturday night, police said.",
        },
        None,
        ("nydn", "Wednesday night"),
        {"nydn"},
    ),
    (  # kimani negative: the same day in another outlet's later sentence is not its lead, and does not join
        {
            "nydn": "As fights between cops and angry teens erupted in East Flatbush, 46 were arrested Wednesday night.",
            "nyt": "Then came the anger.\nOn Wednesday night, about 200 people attended the vigil.",
        },
        None,
        ("nydn", "Wednesday night"),
        {"nydn"},
    ),
    (  # netanyahu negative: the two leads name two days
        {
            "bb": 'U.S. intelligence reportedly confirmed that tens of thousands of files seized by Israel from Iran that, Israeli Prime Minister Benjamin Netanyahu said Monday, document Iran\'s covert nuclear weapons program are "authentic."',  # noqa: E501
            "nyt": "WASHINGTON — The Trump administration on Tuesday embraced Israel's claims that Iran entered a nuclear deal with the world's major powers under false pretenses.",  # noqa: E501
        },
        date(2018, 5, 1),
        ("bb", "Monday"),
        {"bb"},
    ),
]


@pytest.mark.parametrize(("texts", "published", "probe", "outlets"), _LEADS)
def test_each_outlets_lead_date_is_the_day_of_the_story_event(article, texts, published, probe, outlets):
    """Outlets open with the event, each with its own verb: their leads' one day is one fact; no other date moves."""
    mentions = [m for sid, t in texts.items() for m in _dates(article, t, sid, published)]
    sources = {sid: make_source(t, sid, published) for sid, t in texts.items()}
    groups = align(mentions, StoryContext("s", sources, EntityIndex.build(mentions)))
    group = _group_of(groups, *probe)
    assert {m.source for m in group.mentions} == outlets
    assert all(g.status != "differ" for g in groups)


@pytest.mark.parametrize(
    ("texts", "shown"),
    [
        (
            {
                "a": "The ferry overturned about two miles from the harbor at around 6:45 p.m. on Tuesday.",
                "b": "The ferry overturned about two miles from the harbor at 6:40 p.m. on Tuesday.",
            },
            "18:40",
        ),
        (
            {
                "a": "The quake struck shortly after 2:09 a.m. near the town, the survey said.",
                "b": "The quake struck at 2:09 a.m. near the town, the survey said.",
            },
            "02:09",
        ),
    ],
)
def test_an_agreed_time_is_shown_as_read_to_the_minute(article, texts, shown):
    groups = _align([m for sid, t in texts.items() for m in _dates(article, t, sid, JAN8)])
    [group] = [g for g in groups if len({m.source for m in g.mentions}) == 2]
    assert group.status == "agree" and group.verdict.endswith(shown) and "about" not in group.verdict
