"""Dates and times: when each reported happening took place, and which happening that is.

spaCy's DATE/TIME entities (plus Matcher patterns, kept in `date_pieces.json`,
for clock times and weekdays it misses) find the expressions; dateparser places
them on the calendar against the article's reference date (its publication
date, else the time stamp printed on its page); the dependency parse says which
happening the date belongs to, so the aligner never compares the dates of two.
"""

from __future__ import annotations

import functools
import json
import re
from bisect import bisect_left
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from dateparser.date import DateDataParser
from dateparser.languages import default_loader
from dateparser.timezone_parser import pop_tz_offset_from_string

from generator.extract.attribution import credited_source
from generator.extract.base import ArticleDoc, doc_ents, register
from generator.kinds import FactKind, register_kind
from generator.model import Mention, When

if TYPE_CHECKING:
    from spacy.matcher import Matcher

_PIECES = Path(__file__).with_name("date_pieces.json")
_PART = re.compile(r"\b(morning|afternoon|evening|night|overnight|tonight|midday|dawn)\b", re.I)
# Hedges around an expression: dateparser reads the bare expression, the hedge makes a clock approximate.
_HEDGE = re.compile(
    r"\b(?:just|shortly|about|around|approximately|roughly|some|after|before|late|early|mid|within|in|the|on|at"
    r"|as recently as|as early as|since|by)\b[\s-]*",
    re.I,
)
_APPROX = re.compile(r"\b(?:about|around|approximately|roughly|some|after|before|late|early|mid|shortly|just)\b", re.I)
_COUNTED = re.compile(r"^(.+?)\s+(day|week|month|year)s?\s+(earlier|later|before|after|ago)$", re.I)
_WINDOW = re.compile(r"^(?:past|last|previous)\s+(.+?)\s+(day|week|month|year)s?$", re.I)
# "15 minutes", "7,000 years": how long, not when (dateparser would read them as "... ago").
_DURATION = re.compile(
    r"^(?!(?:last|next|this|past|previous)\b)[\w,.\- ]*\b(?:second|minute|hour|day|week|month|year|decade)s?$"
)
_LOCAL_TIME = re.compile(r"\s*\blocal time\b", re.I)
_STAMP = re.compile(r"^\W*(?:posted|updated|published|last updated|first published|by)\b", re.I)
_STAMP_SPLIT = re.compile(r"\s*(?:\||--|—|\(|\bupdated\b:?|\bedited\b:?)\s*", re.I)
# Reading a stamp's two-digit year ("02.29.12") from here puts it in 1969-2068.
_STAMP_BASE = datetime(2068, 12, 31)
# Two far-apart reference days on different weekdays: what an expression means without a reference.
_PROBES = (datetime(2001, 6, 13, 12), datetime(2003, 2, 10, 12))


register_kind(FactKind("date", "Date and time", "Dates and times", weight=1))


@register("dates", 9)
def extract(article: ArticleDoc) -> list[Mention]:
    """Every placeable date or time in the body, keyed by the happening it dates."""
    ref, from_stamp = reference(article)
    found = []
    for sent in article.sentences():
        if _is_stamp(sent):
            continue
        for start, end in expressions(article, sent):
            mention = _mention(article, sent, start, end, ref, from_stamp)
            if mention is not None:
                found.append(mention)
    return found


def reference(article: ArticleDoc) -> tuple[date | None, bool]:
    """The day "Tuesday" and "last week" count from: the article's own date, else its page's time stamp.

    A stamp ("PUBLISHED: 02:31 GMT, 12 March 2013") is set aside as furniture but still dates the page;
    the earliest one is the publication. Only when neither exists does the story's inferred date serve.
    """
    if article.reference_date is not None and not article.reference_inferred:
        return article.reference_date, False
    if article.source.stamped is not None:
        return article.source.stamped, True
    return article.reference_date, False


def stamp_days(text: str) -> list[date]:
    """The full dates (day, month and year) in a short time-stamp line."""
    if len(text.split()) > 16:
        return []
    days = []
    for piece in _STAMP_SPLIT.split(text):
        words = piece.split()
        for skip in range(min(3, len(words))):
            parsed = _parse(" ".join(words[skip:]), _STAMP_BASE, "past", ("day", "month", "year"))
            if parsed is not None:
                days.append(parsed[0].date())
                break
    return days


def _is_stamp(sent) -> bool:
    """A line without a verb dates no happening: a byline or time stamp ("POSTED: 1052 GMT"), or a caption
    ("Tom Perez ... during the party's winter meeting in Atlanta last February.") that only shows a picture."""
    return bool(_STAMP.match(sent.text)) or not any(t.pos_ in ("VERB", "AUX") for t in sent)


@functools.cache
def _language_words() -> dict[str, list[str]]:
    """Weekday names and relative day words as dateparser's English data spells them."""
    info = default_loader.get_locale("en").info
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    relative = info["relative-type"]
    return {
        "$weekday": [w for day in weekdays for w in info[day] if len(w) > 2],
        "$relative_day": [w for key in ("0 day ago", "1 day ago", "in 1 day") for w in relative[key] if " " not in w],
    }


@functools.cache
def _matcher(vocab) -> Matcher:
    """The piece patterns of `date_pieces.json`, with dateparser's words filled in."""
    from spacy.matcher import Matcher  # here, not at the top: a build that parses nothing never loads spaCy

    words = _language_words()
    matcher = Matcher(vocab)
    for i, pattern in enumerate(json.loads(_PIECES.read_text(encoding="utf-8"))["patterns"]):
        for token in pattern:
            for attrs in token.values():
                if isinstance(attrs, dict) and isinstance(attrs.get("IN"), str):
                    attrs["IN"] = words[attrs["IN"]]
        matcher.add(f"piece{i}", [pattern])
    return matcher


def expressions(article: ArticleDoc, sent) -> list[tuple[int, int]]:
    """Character spans of date expressions: spaCy's entities and our pieces, adjacent ones joined."""
    ents = article.ents_within(sent)
    spans = [(e.start_char, e.end_char) for e in ents if e.label_ in ("DATE", "TIME")]
    names = [(e.start_char, e.end_char) for e in ents if e.label_ not in ("DATE", "TIME", "CARDINAL")]
    for first, last in _pieces_within(article.doc, sent):
        start, end = article.doc[first].idx, article.doc[last - 1].idx + len(article.doc[last - 1])
        if not any(s < end and start < e for s, e in names):  # "USA Today" is a name, not a day
            spans.append((start, end))
    spans.sort()
    merged: list[list[int]] = []
    text = article.text
    for start, end in spans:
        if merged and (start <= merged[-1][1] or _JOIN.match(text[merged[-1][1] : start])):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [_trimmed(text, s, e) for s, e in merged]


def _pieces_within(doc, span) -> list[tuple[int, int]]:
    """The pattern matches lying wholly inside a span, as token ranges: the doc is matched once, since a
    claim asks again for every clause (a token pattern matches the same tokens in a span as in its doc)."""
    if _PIECE_MATCHES not in doc.user_data:
        found = sorted({(first, last) for _, first, last in _matcher(doc.vocab)(doc)})
        doc.user_data[_PIECE_MATCHES] = (found, [first for first, _ in found])
    found, starts = doc.user_data[_PIECE_MATCHES]
    out = []
    for first, last in found[bisect_left(starts, span.start) :]:
        if first >= span.end:
            break
        if last <= span.end:
            out.append((first, last))
    return out


_PIECE_MATCHES = "parallax_date_pieces"
# A number in the plural ("in their 80s", "the 1980s", "the early 2000's") is an age bracket or a decade, no day to
# compare (dateparser reads "80s" as eighty seconds ago).
_DECADE = re.compile(r"(?<![\w:])'?\d+'?s\b")
_JOIN = re.compile(r"^(?:\s*,?\s*(?:on|at|of|in)?\s*)$", re.I)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article/preposition and a trailing possessive: "the January 3" -> "January 3"."""
    m = re.match(r"(?:(?:the|on|at|in)\s+)+", text[start:end], re.I)
    if m and m.end() < end - start:
        start += m.end()
    m = re.search(r"(?:[’']s?|,)$", text[start:end])
    if m:
        end -= len(m.group())
    return start, end


def _mention(article: ArticleDoc, sent, start: int, end: int, ref: date | None, from_stamp: bool) -> Mention | None:
    span = article.doc.char_span(start, end, alignment_mode="expand")
    if span is None or names_a_model_year(span):
        return None
    event, entities = _event(span)
    text = article.text[start:end]
    inferred = article.reference_inferred and not from_stamp
    when = resolve(text, ref, _future(span), inferred, relative_days=not from_stamp)
    if when is None or (not _placeable(when) and _quoted(article.text, sent, start, end)):
        return None  # "how many kids will you kill today," they chanted: the words are the quote's, not a date
    sentence = article.sentence_span(sent)
    return article.mention(
        "date",
        start,
        end,
        sentence,
        value=describe(when, text),
        key=event,
        attributed_to=credited_source(article, sentence),
        when=when,
        entities=entities,
        words=(event,),
    )


def _placeable(when: When) -> bool:
    return when.earliest is not None or when.weekday is not None or when.clock is not None


def _quoted(text: str, sent, start: int, end: int) -> bool:
    """Whether the expression sits inside quotation marks (an open quote before it or a close after it)."""
    before, after = text[sent.start_char : start], text[end : sent.end_char]
    opened = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    closed = after.find("”") != -1 and (after.find("“") == -1 or after.find("”") < after.find("“"))
    return opened or closed or after.count('"') % 2 == 1


def names_a_model_year(span) -> bool:
    """A year that is part of a name ("a 2013 Toyota Camry", "the 2016 Olympics") dates no happening here."""
    root = span.root
    if len(span) != 1 or not root.like_num:
        return False
    named = any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in root.children)  # parsed the other way
    return named or root.dep_ in _NOUN_MODIFIERS and root.head.pos_ == "PROPN" or bool(model_year_name(root))


def model_year_name(year) -> str:
    """'a gray 2013 Toyota Camry', 'his gray 2013 Toyota Camry around 7 p.m.', 'a 2007 silver Ford Fusion': a year
    between a determiner and a name that heads its phrase is the named thing's model year; the name's last word.

    Read from the words' order and tags, not the parse, which often hangs such a year elsewhere. 'In 2008 Reynolds'
    (no determiner), 'the 2016 U.S. presidential election' and 'the 2010 Tea Party-inspired wave election' (the
    name does not head the phrase) are dates.
    """
    doc = year.doc
    if not re.fullmatch(r"(1[5-9]|20)\d\d", year.text):
        return ""
    i = year.i - 1
    while i >= 0 and doc[i].pos_ in ("ADJ", "NOUN") and doc[i].is_lower:
        i -= 1
    if i < 0 or doc[i].tag_ not in ("DT", "PRP$"):
        return ""
    i = year.i + 1
    while i < len(doc) and doc[i].pos_ in ("ADJ", "NOUN") and doc[i].is_lower:
        i += 1
    run = []
    while i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
        run.append(doc[i])
        i += 1
    if not run:
        return ""
    hyphened = i < len(doc) and doc[i].text in ("-", "–") and not run[-1].whitespace_  # "Party-inspired"
    heads = i >= len(doc) or doc[i].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") and not hyphened
    return run[-1].text if heads else ""


# --- resolving an expression to a When -------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _parser(base: datetime, prefer: str, require: tuple[str, ...]) -> DateDataParser:
    """One parser per setting: building one costs more than most of the reads it then makes."""
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True}
    if require:
        settings["REQUIRE_PARTS"] = list(require)
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=8192)
def _parse(text: str, base: datetime, prefer: str = "past", require: tuple[str, ...] = ()):
    """(datetime, period) as dateparser reads `text` from `base`, or None."""
    if not text.strip():
        return None
    data = _parser(base, prefer, require).get_date_data(text)
    return (data.date_obj.replace(tzinfo=None), data.period) if data.date_obj else None


@functools.lru_cache(maxsize=8192)  # an expression is read for each mention and again by alignment
def resolve(
    text: str, ref: date | None, future: bool = False, inferred: bool = False, relative_days: bool = True
) -> When | None:
    """The calendar days (and clock, part of day, zone) an expression can mean; None if it is no date.

    `relative_days=False` leaves "today" and "tonight" unplaced: a page's stamp may be a day off
    the local date (a GMT stamp of a New York evening), which a weekday survives and "tonight" does not.
    """
    low = text.lower()
    if re.search(r"\d+-year-old|\bage[ds]?\b", low) or re.fullmatch(r"\W*\d{1,2}\W*", low) or _DECADE.search(low):
        return None
    bare, zone = pop_tz_offset_from_string(_LOCAL_TIME.sub("", text))
    tz = zone.tzname(None) if zone is not None else ("local time" if _LOCAL_TIME.search(text) else None)
    part = _part(low)
    core = _HEDGE.sub("", bare).strip(" ,.")
    if _DURATION.match(core.lower()):
        return None
    counted = _counted(core, ref)
    if counted is not None:
        return When(*counted, inferred=inferred and counted[0] is not None)
    prefer = "future" if future else "past"
    base = datetime(ref.year, ref.month, ref.day, 12) if ref else _PROBES[0]
    parsed = _parse(core, base, prefer)
    words = core.split()
    while parsed is None and len(words) > 1:  # "second half of 2012", "end of this year": the date they lie in
        words = words[1:]
        core = " ".join(words)
        parsed = _parse(core, base, prefer)
    if parsed is None:
        if part in ("tonight", "night", "overnight") and low.strip() in ("tonight", "overnight"):
            days = (ref, ref) if ref and relative_days else (None, None)
            return When(*days, part_of_day="night", inferred=inferred and days[0] is not None)
        return None
    moment, period = parsed
    later = _parse(core, base + timedelta(days=1), prefer)
    anchored = later is not None and (  # moves with the reference day: "today", "7 p.m.", "yesterday"
        (later[0].date() - moment.date()).days == 1
        if period in ("day", "time", "part_of_day")
        else _period(later[0].date(), period) != _period(moment.date(), period)
    )
    probes = [_parse(core, probe, prefer) for probe in _PROBES]
    absolute = None not in probes and _period(probes[0][0].date(), period) == _period(probes[1][0].date(), period)
    weekday_named = not absolute and not anchored and None not in probes and period in ("day", "time", "part_of_day")
    weekday_named = weekday_named and probes[0][0].weekday() == probes[1][0].weekday()
    if ref is not None and weekday_named:
        moment = _weekday_from(moment, base, future, low)
    elif ref is not None and not absolute and not anchored:
        moment = _nearest(core, base, future)
    clock = moment.strftime("%H:%M") if period == "time" else None
    day_known = not (clock and anchored and _parse(core, base, prefer, ("day",)) is None)
    if not day_known or (ref is None and not absolute) or (anchored and not relative_days):
        earliest = latest = None
    else:
        earliest, latest = _period(moment.date(), period)
    weekday = moment.weekday() if weekday_named and day_known else None
    if weekday is None and earliest is not None and earliest == latest:
        weekday = earliest.weekday()
    part = part or _hedge_part(low)
    return When(earliest, latest, weekday, part, clock, tz, inferred and earliest is not None)


def _weekday_from(moment: datetime, base: datetime, future: bool, low: str) -> datetime:
    """A weekday is the latest such day on or before the reference ("Wednesday" in Wednesday's paper is that
    day); the next one when said of the future; "last" and "next" skip the reference day itself."""
    shift = (base.weekday() - moment.weekday()) % 7
    if future or low.lstrip().startswith("next"):
        shift = -((moment.weekday() - base.weekday()) % 7 or (7 if low.lstrip().startswith("next") else 0))
    elif low.lstrip().startswith("last") and shift == 0:
        shift = 7
    return (base - timedelta(days=shift)).replace(hour=moment.hour, minute=moment.minute)


def _nearest(core: str, base: datetime, future: bool) -> datetime:
    """A day or month named without its year ("May 12", "in January"): the last occurrence, unless the next
    one is nearer and within a season (a deadline "May 12" in April) or the clause speaks of the future."""
    past, ahead = (p[0] if p else None for p in (_parse(core, base, "past"), _parse(core, base, "future")))
    if ahead is None or past is None:
        return ahead or past
    if past.date() == base.date():
        return past
    days_ahead, days_back = (ahead.date() - base.date()).days, (base.date() - past.date()).days
    return ahead if future or days_ahead < min(days_back, 92) else past


def _period(day: date, period: str) -> tuple[date, date]:
    """The calendar days a parsed period covers: one day, its Monday-Sunday week, month or year."""
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if period == "month":
        first = day.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def _counted(core: str, ref: date | None) -> tuple[date | None, date | None] | None:
    """ "four days earlier", "two days later", "past 10 days": counted from a story event or the reference.

    dateparser reads the count; "earlier/later" count from a happening of the week before the article.
    """
    m = _COUNTED.match(core)
    window = _WINDOW.match(core)
    if not m and not window:
        return None
    amount, unit = (m or window).group(1), (m or window).group(2).lower()
    counted = _parse(f"{amount} {unit}s ago", _PROBES[0])
    if counted is None:
        return None
    days = (_PROBES[0].date() - counted[0].date()).days
    if ref is None:
        return None, None
    if window:
        return ref - timedelta(days=days), ref
    direction = m.group(3).lower()
    slack = 0 if days < 7 else days // 7 + 2
    if direction == "ago":
        return ref - timedelta(days=days + slack), ref - timedelta(days=days - slack)
    if direction in ("later", "after"):
        return ref - timedelta(days=max(7 - days, 0)), ref
    return ref - timedelta(days=days + 7 + slack), ref - timedelta(days=days)


@functools.lru_cache(maxsize=4096)
def is_recent(text: str) -> bool:
    """Whether a relative expression reaches back two weeks at most ("four days earlier", "last week", "today")."""
    monday = date(2001, 1, 1)  # any reference will do: only the distance back is read
    w = resolve(text, monday)
    return w is not None and w.earliest is not None and 0 <= (monday - w.earliest).days <= 14 and w.latest <= monday


@functools.lru_cache(maxsize=4096)  # asked for each pair of dates alignment weighs
def names_month_day(text: str) -> bool:
    """ "May 12", "3 January": one calendar day whatever the year, so the same words mean the same day."""
    core = _HEDGE.sub("", pop_tz_offset_from_string(text)[0]).strip(" ,.")
    first, second = (_parse(core, probe) for probe in _PROBES)
    if first is None or second is None or first[1] != "day":
        return False
    return (first[0].month, first[0].day) == (second[0].month, second[0].day) and first[0].year != second[0].year


def _part(low: str) -> str | None:
    m = _PART.search(low)
    if m:
        return "night" if m.group().lower() == "tonight" else m.group().lower()
    return None


def _hedge_part(low: str) -> str | None:
    m = re.match(r"\s*(late|early|mid)\b", low)
    return m.group(1) if m else None


def describe(when: When, text: str) -> str:
    """The value published in the data: "2020-01-08 (Wednesday) night", "May 2018", "Tuesday night", "10:00"."""
    parts = []
    e, la = when.earliest, when.latest
    if e is not None and e == la:
        parts.append(f"{e.isoformat()} ({e.strftime('%A')})")
    elif e is not None and la is not None:
        parts.append(_interval(e, la))
    elif when.weekday is not None:
        parts.append(_weekday_name(when.weekday))
    if when.part_of_day:
        parts.append(when.part_of_day)
    if when.clock:
        parts.append(("about " if approximate_clock(text) else "") + when.clock)
    if when.timezone:
        parts.append(when.timezone)
    return " ".join(parts) or text


def readable(when: When | None, text: str) -> str:
    """The moment for readers: "Tuesday 7 January 2020, night", "Saturday, about 23:30", "May 2018"."""
    if when is None:
        return text
    e, la = when.earliest, when.latest
    if e is not None and e == la:
        day = f"{e.strftime('%A')} {e.day} {e.strftime('%B %Y')}"
    elif e is not None and la is not None:
        day = _interval(e, la, readable=True)
    elif when.weekday is not None:
        day = _weekday_name(when.weekday)
    else:
        day = ""
    extra = [p for p in (when.part_of_day, when.clock and ("about " if approximate_clock(text) else "") + when.clock,
                         when.timezone) if p]  # fmt: skip
    if not day:
        return " ".join(extra) or text
    return ", ".join([day, " ".join(extra)]) if extra else day


def _weekday_name(weekday: int) -> str:
    return (date(2001, 1, 1) + timedelta(days=weekday)).strftime("%A")  # 1 January 2001 was a Monday


def approximate_clock(text: str) -> bool:
    """ "around 10 a.m.", "late Tuesday 10 p.m.", "today shortly after 2:09 am": the clock is not exact."""
    return bool(_APPROX.match(text.strip()) or re.search(_APPROX.pattern + r"\s+(?:\d|noon|midnight)", text, re.I))


def _interval(e: date, la: date, readable: bool = False) -> str:
    if e.month == 1 and e.day == 1 and la.month == 12 and la.day == 31 and e.year == la.year:
        return str(e.year)
    if e.day == 1 and (la + timedelta(days=1)).day == 1 and e.month == la.month:
        return e.strftime("%B %Y")
    if readable:
        return f"{e.day} {e.strftime('%B %Y')} to {la.day} {la.strftime('%B %Y')}"
    return f"{e.isoformat()} to {la.isoformat()}"


# --- the event a date belongs to ---------------------------------------------------------------------

EVENT_CLASSES = {
    "attack": (
        "attack", "strike", "airstrike", "barrage", "launch", "missile", "rocket", "bombing", "bomb", "shoot",
        "shooting", "gunfire", "raid", "assault", "explosion", "blast", "fire", "shelling", "offensive",
    ),
    "killing": ("kill", "killing", "assassinate", "assassination", "death", "die", "murder", "slay", "slaying"),
    "withdrawal": ("withdraw", "withdrawal", "exit", "leave", "quit", "abandon", "pull", "scrap"),
    "dismissal": ("dismiss", "dismissal", "terminate", "termination", "sack", "lay", "layoff", "oust"),
    "vote": ("vote", "resolution", "ballot", "referendum", "election", "pass", "approve", "ratify"),
    "statement": (
        "statement", "speech", "address", "announce", "announcement", "say", "tell", "tweet", "remark",
        "declare", "briefing", "presentation", "present", "reveal", "unveil", "claim",
    ),
    "seizure": ("seize", "seizure", "obtain", "steal", "capture", "acquire", "smuggle", "take"),
    "arrest": ("arrest", "detain", "detention", "apprehend", "charge", "arraign", "arraignment"),
    "meeting": ("meet", "meeting", "talk", "summit", "visit", "brief"),
    "agreement": ("agreement", "deal", "accord", "treaty", "sign", "pact"),
    "protest": ("protest", "riot", "vigil", "rally", "march", "demonstration", "unrest", "clash"),
    "earthquake": ("earthquake", "quake", "tremor", "jolt", "shake", "temblor"),
}  # fmt: skip
_CLASS_OF = {word: cls for cls, words in EVENT_CLASSES.items() for word in words}
_ARGUMENTS = ("dobj", "attr", "nsubj", "nsubjpass")
_VAGUE_VERBS = {"strike", "hit", "begin", "start", "record", "follow", "erupt", "shake", "rattle", "jolt", "use"}
_LIGHT_VERBS = {
    "occur",
    "happen",
    "make",
    "give",
    "hold",
    "deliver",
    "carry",
    "conduct",
    "stage",
    "issue",
    "be",
    "have",
    "come",
}
_WEAPONS = {"missile", "rocket", "shot", "round", "bullet", "gun", "weapon", "salvo", "shell", "volley"}
_WORK = {"job", "post", "position", "firm", "company", "office", "role"}
_NOUN_MODIFIERS = ("compound", "nmod", "poss", "amod", "nummod")
_ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT")


def _event(span) -> tuple[str, tuple[str, ...]]:
    """The event a date modifies ("attack", "killing", ...) and the names in that event's phrase."""
    inside = {t.i for t in span}
    word = _modified_noun(span.root) or _pick_event(_head_chain(span.root, inside))
    if word is None:
        return "", ()
    event = _classify(word) or word.lemma_.lower()
    speaking = event == "statement" and word.pos_ == "VERB"
    scope = _speaker(word) if speaking else word
    phrase = set() if scope is None else {t.i for t in scope.subtree}
    names = (
        []
        if scope is None
        else [e.text for e in doc_ents(word.doc) if e.label_ in _ENTITY_LABELS and _within(e, phrase, inside)]
    )
    if speaking and not names:
        # Who spoke is what makes two statements one: "police said" or "he said" names no one in particular.
        return "", ()
    return event, tuple(sorted(set(names)))


def _speaker(verb):
    """Who spoke: a statement is the same event only for the same speaker, whatever else the sentence names."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _modified_noun(root):
    """A date inside a noun phrase ("the January 3 assassination", "Tuesday's attack") dates that noun.

    A noun that only says how a verb's event came about ("killed in a Jan. 3 airstrike") gives way to the verb.
    """
    noun = root.head
    if root.dep_ not in _NOUN_MODIFIERS or noun.pos_ not in ("NOUN", "PROPN") or noun == root:
        return None
    verb = None
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by", "during"):
        verb = noun.head.head
    elif noun.dep_ == "npadvmod":
        verb = noun.head
    return verb if verb is not None and verb.pos_ == "VERB" and _classify(verb) else noun


def _head_chain(token, inside: set[int]) -> list:
    """Words above the date, up to and including the first verb outside it."""
    chain = []
    while token.head.i != token.i:
        token = token.head
        if token.i in inside:
            continue
        chain.append(token)
        verb = token.pos_ in ("VERB", "AUX") and token.lemma_.lower() not in _LIGHT_VERBS
        if verb and (_classify(token) or token.dep_ not in ("acl", "relcl", "xcomp") and not _leads_up(token)):
            break
    return chain


def _leads_up(verb) -> bool:
    """ "shot him after he pointed a gun at officers on Saturday": a clause of what led up to a named
    happening dates that happening, when its own verb names none."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("after", "before", "when") for c in verb.children
    )


def _pick_event(chain: list):
    """An event verb wins over an event noun; a light or vague verb gives way to its event noun ("the quake struck")."""
    for token in chain:
        if token.pos_ != "VERB":
            continue
        light = token.lemma_.lower() in _LIGHT_VERBS
        if light or token.lemma_.lower() in _VAGUE_VERBS:
            noun = next((c for c in token.children if c.dep_ in _ARGUMENTS and c.pos_ == "NOUN" and _classify(c)), None)
            if noun is not None:
                return noun
        if not light and _classify(token):
            return token
    for token in chain:
        if token.pos_ in ("NOUN", "PROPN") and _classify(token):
            return token
    return next((t for t in chain if t.pos_ == "VERB" and t.lemma_.lower() not in _LIGHT_VERBS), None)


def _classify(token) -> str:
    """The event class of a word, "" if it names none; "fire" is an attack with weapons, a dismissal from a job."""
    lemma = token.lemma_.lower()
    if lemma == "fire":
        near = {t.lemma_.lower() for t in token.subtree} | {token.head.lemma_.lower()}
        fired_someone = any(c.dep_ == "dobj" for c in token.children) and token.pos_ == "VERB"
        if near & _WORK or not near & _WEAPONS and (fired_someone or token.tag_ == "VBN" and token.dep_ != "amod"):
            return "dismissal"  # "firing his attorneys", "was fired last week"
        return "attack"
    if lemma == "lay" and not any(c.lower_ == "off" for c in token.children):
        return ""
    if lemma == "sign" and token.pos_ != "VERB":  # "no signs that ..." is no signing
        return ""
    if lemma == "shoot" and any(
        _CLASS_OF.get(c.lemma_.lower()) == "killing" or c.lower_ == "fatally" for c in token.subtree
    ):
        return "killing"
    if lemma in ("walk", "back", "step", "pull") and any(c.lower_ in ("away", "out") for c in token.children):
        return "withdrawal"
    if lemma in ("pull", "take") and not any(c.dep_ == "prt" or c.lower_ in ("out", "from") for c in token.children):
        return ""
    return _CLASS_OF.get(lemma, "")


def _within(ent, phrase: set[int], inside: set[int]) -> bool:
    """Whether a named entity is part of the event's phrase (its token ids) and not the date itself."""
    return ent.start in phrase and ent.start not in inside


def _future(span) -> bool:
    """Whether the date's clause speaks of what is still to come ("would make a statement Wednesday")."""
    head = span.root.head
    while head.pos_ == "ADP" and head.head.i != head.i:  # "to be voted on Thursday"
        head = head.head
    if span.root.dep_ in _NOUN_MODIFIERS or head.pos_ not in ("VERB", "AUX"):
        return False  # only the verb the date modifies says whether it is still to come
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & {"will", "would", "'ll", "’ll", "shall"} or {"to", "be"} <= aux)
