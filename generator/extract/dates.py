"""Dates and times: when each reported event happened, and which event that is.

spaCy's DATE/TIME entities (plus a pattern for clock times and weekdays it
misses) find the expressions; a small resolver turns them into a `When`
against the article's reference date; the dependency parse says which event
the date belongs to, so the aligner never compares the dates of two events.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from generator.extract.attribution import credited_source
from generator.extract.base import ArticleDoc, register
from generator.model import Mention, When

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "several": 4, "couple": 2,
}  # fmt: skip
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)day"
_CLOCK = r"\d{1,2}(?::\d\d)?\s?(?:[ap]\.\s?m\.|[ap]m\b)|\bnoon\b|\bmidnight\b"
_TZ = r"\b(?:GMT|UTC|[ECMP][SD]T|BST|CET|local time)\b"
_PART = r"\b(?:morning|afternoon|evening|night|overnight|tonight|midday|dawn)\b"
# Pieces spaCy sometimes leaves out of its entities: joined to a neighbouring expression when adjacent.
_PIECE = re.compile(
    rf"(?:(?:just |shortly )?(?:about|around|after|before|at|approximately) )?(?:{_CLOCK})(?:\s?{_TZ})?"
    rf"|(?:(?:late|early|last|this|next|on) )?\b{_WEEKDAY}\b(?:\s(?:morning|afternoon|evening|night))?"
    rf"|\b(?:today|yesterday|tonight|overnight|this morning)\b|{_TZ}",
    re.I,
)
_MONTH_DAY = rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!:)|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
_JOIN = re.compile(r"^(?:\s*,?\s*(?:on|at|of|in)?\s*)$", re.I)
_STAMP = re.compile(r"^\W*(?:posted|updated|published|last updated|first published|by)\b", re.I)
_APPROX = re.compile(r"\b(?:about|around|approximately|roughly|some|after|before|late|early|mid|shortly|just)\b", re.I)


@register("dates", 6)
def extract(article: ArticleDoc) -> list[Mention]:
    """Every placeable date or time in the body, keyed by the event it dates."""
    found = []
    for sent in article.sentences():
        if _is_stamp(sent):
            continue
        for start, end in _expressions(article, sent):
            mention = _mention(article, sent, start, end)
            if mention is not None:
                found.append(mention)
    return found


def _is_stamp(sent) -> bool:
    """A byline or time stamp line ("POSTED: 1052 GMT", "April 10, 2007-7:07AM") dates the page, not an event."""
    words = [t for t in sent if t.is_alpha and t.ent_type_ not in ("DATE", "TIME")]
    return bool(_STAMP.match(sent.text)) or not any(t.pos_ in ("VERB", "AUX") for t in sent) and len(words) < 4


def _expressions(article: ArticleDoc, sent) -> list[tuple[int, int]]:
    """Character spans of date expressions: spaCy's entities and our pieces, adjacent ones joined."""
    spans = [(e.start_char, e.end_char) for e in sent.ents if e.label_ in ("DATE", "TIME")]
    names = [(e.start_char, e.end_char) for e in sent.ents if e.label_ not in ("DATE", "TIME", "CARDINAL")]
    for m in _PIECE.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
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


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article/preposition and a trailing possessive: "the January 3" -> "January 3"."""
    m = re.match(r"(?:(?:the|on|at|in)\s+)+", text[start:end], re.I)
    if m and m.end() < end - start:
        start += m.end()
    m = re.search(r"(?:[’']s?|,)$", text[start:end])
    if m:
        end -= len(m.group())
    return start, end


def _mention(article: ArticleDoc, sent, start: int, end: int) -> Mention | None:
    span = article.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    event, entities = _event(span)
    when = resolve(article.text[start:end], article.reference_date, _future(span), article.reference_inferred)
    if when is None:
        return None
    sentence = article.sentence_span(sent)
    return article.mention(
        "date",
        start,
        end,
        sentence,
        value=describe(when, article.text[start:end]),
        key=event,
        attributed_to=credited_source(article, sentence),
        when=when,
        entities=entities,
        words=(event,),
    )


# --- resolving an expression to a When -------------------------------------------------------------


def resolve(text: str, ref: date | None, future: bool = False, inferred: bool = False) -> When | None:
    """The calendar days (and clock, part of day, zone) an expression can mean; None if it is no date."""
    low = text.lower()
    if re.search(r"\d+-year-old|\bage[ds]?\b", low) or re.fullmatch(r"\W*\d{1,2}\W*", low):
        return None
    clock = _clock(low)
    tz = _match(_TZ, text)
    part = _part(low)
    weekday = _weekday(low)
    days = _absolute(low, ref) or _relative(low, ref, weekday)
    if days is None and (weekday is not None or clock or part in ("tonight", "overnight")):
        days = _weekday_days(weekday, ref, future, low) if weekday is not None else _today(ref)
    if days is None and not (weekday is not None or clock):
        return None
    earliest, latest = days or (None, None)
    if weekday is None and earliest is not None and earliest == latest and _names_day(low):
        weekday = earliest.weekday()
    return When(earliest, latest, weekday, part, clock, tz, inferred and earliest is not None)


def _match(pattern: str, text: str) -> str | None:
    m = re.search(pattern, text, re.I)
    return m.group() if m else None


def _clock(low: str) -> str | None:
    """ "2:09 a.m." -> "02:09", "10pm" -> "22:00", "noon" -> "12:00"."""
    if re.search(r"\bnoon\b", low):
        return "12:00"
    if re.search(r"\bmidnight\b", low):
        return "00:00"
    m = re.search(r"(\d{1,2})(?::(\d\d))?\s?([ap])\.?\s?m\b", low)
    if not m or int(m.group(1)) > 12:
        return None
    hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
    return f"{hour:02d}:{m.group(2) or '00'}"


def _part(low: str) -> str | None:
    m = re.search(_PART, low)
    if m:
        return "night" if m.group() == "tonight" else m.group()
    m = re.match(r"\s*(late|early|mid)\b", low)
    return m.group(1) if m else None


def _weekday(low: str) -> int | None:
    m = re.search(rf"\b{_WEEKDAY}\b", low, re.I)
    if not m:
        return None
    return next(i for i, name in enumerate(WEEKDAYS) if name[:3] == m.group()[:3])


def _names_day(low: str) -> bool:
    return bool(re.search(rf"{_MONTH}\s+\d|\d\s+{_MONTH}|\b(?:today|yesterday|tomorrow|tonight)\b", low, re.I))


def names_month_day(text: str) -> bool:
    """ "May 12", "3 January": one calendar day whatever the year, so the same words mean the same day."""
    return bool(re.search(_MONTH_DAY, text, re.I))


def _month_number(word: str) -> int:
    return MONTHS[word[:3].lower()]


def _absolute(low: str, ref: date | None) -> tuple[date | None, date | None] | None:
    """Written-out dates: "April 9, 2007", "3 January", "May 2018", "in 2018", "last April"."""
    year_m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b(?!s)", low)
    year = int(year_m.group(1)) if year_m else None
    md = re.search(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)", low, re.I) or re.search(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})", low, re.I
    )
    if md:
        month_word, day = (md.group(1), md.group(2)) if not md.group(1)[0].isdigit() else (md.group(2), md.group(1))
        if year is None and ref is None:
            return None, None  # "May 12" with no year to place it: a date all the same, compared by its words
        return _day_in(year, _month_number(month_word), int(day), ref)
    month_m = re.search(rf"\b{_MONTH}(?!\w)", low, re.I)
    if month_m and (month_m.group() != "may" or year or re.search(r"\b(?:in|of|last|since) may\b", low)):
        month = _month_number(month_m.group())
        year = year or _month_year(month, ref, low)
        if year is None:
            return None
        last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
        return date(year, month, 1), last
    if year is not None:
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _day_in(year: int | None, month: int, day: int, ref: date | None) -> tuple[date, date] | None:
    """A month and day; without a year, the occurrence nearest the reference date."""
    try:
        if year is not None:
            d = date(year, month, day)
        elif ref is None:
            return None
        else:
            options = [date(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1)]
            d = min(options, key=lambda o: abs((o - ref).days))
    except ValueError:
        return None
    return d, d


def _month_year(month: int, ref: date | None, low: str) -> int | None:
    """The year of a bare month: the last one before the reference date for "last April", else the nearest."""
    if ref is None:
        return None
    if low.startswith("last"):
        return ref.year if month < ref.month else ref.year - 1
    return ref.year if month <= ref.month + 3 else ref.year - 1


def _today(ref: date | None) -> tuple[date, date] | None:
    return (ref, ref) if ref else None


def _relative(low: str, ref: date | None, weekday: int | None) -> tuple[date | None, date | None] | None:
    """Days counted from the reference date: "yesterday", "last week", "four days earlier", "past 10 days".

    Without a reference date the expression is still a date, just not a placeable one: (None, None).
    """
    number = r"(\d+|" + "|".join(NUMBER_WORDS) + r")"
    m = re.search(r"\b(today|tonight|this morning|yesterday|tomorrow)\b", low)
    if m and weekday is None:
        shift = {"yesterday": -1, "tomorrow": 1}.get(m.group(1), 0)
        return (None, None) if ref is None else (ref + timedelta(days=shift),) * 2
    m = re.search(r"\b(last|this|next|past)\s+(week(?:end)?|month|year)\b", low)
    if m and weekday is None:
        return (None, None) if ref is None else _calendar_unit(m.group(1), m.group(2), ref)
    m = re.search(number + r"\s+(day|week|month|year)s?\s+(ago|earlier|before|later)\b", low)
    if m:
        return (None, None) if ref is None else _counted(_count(m.group(1)) * UNIT_DAYS[m.group(2)], m.group(3), ref)
    m = re.search(r"\b(?:past|last)\s+" + number + r"\s+(day|week|month)s?\b", low)
    if m:
        return (None, None) if ref is None else (ref - timedelta(days=_count(m.group(1)) * UNIT_DAYS[m.group(2)]), ref)
    return None


def is_recent(text: str) -> bool:
    """Whether a relative expression reaches back two weeks at most ("four days earlier", "last week", "today")."""
    monday = date(2001, 1, 1)  # any reference will do: only the distance back is read
    days = _relative(text.lower(), monday, None)
    return days is not None and days[0] is not None and (monday - days[0]).days <= 14


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _calendar_unit(which: str, unit: str, ref: date) -> tuple[date, date]:
    """ "last week" is the Monday-Sunday week before the reference date's; months and years likewise."""
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[which]
    if unit.startswith("week"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        return (
            (monday + timedelta(days=5), monday + timedelta(days=6))
            if unit == "weekend"
            else (monday, monday + timedelta(days=6))
        )
    if unit == "month":
        month_index = ref.year * 12 + ref.month - 1 + step
        first = date(month_index // 12, month_index % 12 + 1, 1)
        return first, date((month_index + 1) // 12, (month_index + 1) % 12 + 1, 1) - timedelta(days=1)
    return date(ref.year + step, 1, 1), date(ref.year + step, 12, 31)


def _counted(days: int, direction: str, ref: date) -> tuple[date, date]:
    """ "N days ago" counts from publication; "earlier/later" from a story event in the week before it."""
    slack = 0 if days < 7 else days // 7 + 2
    if direction == "ago":
        return ref - timedelta(days=days + slack), ref - timedelta(days=days - slack)
    if direction == "later":
        return ref - timedelta(days=7 - days), ref
    return ref - timedelta(days=days + 7 + slack), ref - timedelta(days=days)


def _weekday_days(weekday: int, ref: date | None, future: bool, low: str) -> tuple[date, date] | None:
    """A weekday is the latest such day on or before the reference date; the next one when said of the future."""
    if ref is None:
        return None
    back = (ref.weekday() - weekday) % 7
    if low.startswith("last") and back == 0:
        back = 7
    if future or low.startswith("next"):
        ahead = (weekday - ref.weekday()) % 7
        d = ref + timedelta(days=ahead + (7 if low.startswith("next") and ahead == 0 else 0))
    else:
        d = ref - timedelta(days=back)
    return d, d


def describe(when: When, text: str) -> str:
    """The value shown to readers: "2020-01-08 (Wednesday) night", "May 2018", "Tuesday night", "10:00"."""
    parts = []
    e, la = when.earliest, when.latest
    if e is not None and e == la:
        parts.append(f"{e.isoformat()} ({WEEKDAYS[e.weekday()].capitalize()})")
    elif e is not None and la is not None:
        parts.append(_interval(e, la))
    elif when.weekday is not None:
        parts.append(WEEKDAYS[when.weekday].capitalize())
    if when.part_of_day:
        parts.append(when.part_of_day)
    if when.clock:
        parts.append(("about " if _approximate_clock(text) else "") + when.clock)
    if when.timezone:
        parts.append(when.timezone)
    return " ".join(parts) or text


def _approximate_clock(text: str) -> bool:
    """ "around 10 a.m.", "late Tuesday 10 p.m.", "today shortly after 2:09 am": the clock is not exact."""
    return bool(_APPROX.match(text.strip()) or re.search(_APPROX.pattern + r"\s+(?:\d|noon|midnight)", text, re.I))


def _interval(e: date, la: date) -> str:
    if e.month == 1 and e.day == 1 and la.month == 12 and la.day == 31 and e.year == la.year:
        return str(e.year)
    if e.day == 1 and (la + timedelta(days=1)).day == 1 and e.month == la.month:
        return e.strftime("%B %Y")
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
    "earthquake": ("earthquake", "quake", "tremor", "aftershock", "jolt", "shake", "temblor"),
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
    scope = _speaker(word) if event == "statement" and word.pos_ == "VERB" else word
    names = (
        []
        if scope is None
        else [e.text for e in word.doc.ents if e.label_ in _ENTITY_LABELS and _within(e, scope, inside)]
    )
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
        if verb and (_classify(token) or token.dep_ not in ("acl", "relcl", "xcomp")):
            break
    return chain


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
        if near & _WORK or not near & _WEAPONS and token.tag_ == "VBN" and token.dep_ != "amod":
            return "dismissal"
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


def _within(ent, word, inside: set[int]) -> bool:
    """Whether a named entity is part of the event's phrase (and not the date itself)."""
    subtree = {t.i for t in word.subtree}
    return ent.start in subtree and ent.start not in inside


def _future(span) -> bool:
    """Whether the date's clause speaks of what is still to come ("would make a statement Wednesday")."""
    if span.root.dep_ in _NOUN_MODIFIERS:
        return False
    for token in span.root.ancestors:
        if token.pos_ in ("VERB", "AUX"):
            aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
            return bool(aux & {"will", "would", "'ll", "’ll", "shall"} or {"to", "be"} <= aux)
    return False
