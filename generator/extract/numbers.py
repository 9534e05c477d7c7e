"""Reported numbers: counts, ages and measures, as intervals in one canonical unit, keyed by what they count.

A number is found by a pattern over the sentence text (qualifier, figure or
number words or a vague amount, unit); the parse then tells what is counted
(the head noun, mapped to a general noun class) and what happened to it (the
governing verb or event noun). Years, dates, clock times, ordinals and ids
are not counts. Sentences about another place or an earlier time than the
story's get that context in their key, so other events' numbers stay apart.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from generator.extract.attribution import credited_source
from generator.extract.base import ArticleDoc, doc_ents, register
from generator.extract.dates import model_year_name, reference, resolve
from generator.kinds import FactKind, register_kind
from generator.model import Mention, Quantity
from generator.units import (
    CURRENCY_SIGNS,
    DIMENSIONS,
    LOST_CURRENCY,
    MULTIPLIERS,
    UNIT_NAMES,
    UNIT_PATTERN,
    UNITS,
    VAGUE,
    WORDS,
    approx_bounds,
    convert,
    large,
    parse_number,
    plain,
)
from generator.wordnet import noun_class

_W1 = "|".join(sorted((w for w in WORDS if " " not in w and w not in ("half", "dozen", "zero")), key=len, reverse=True))
_WT = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|dozen))*\b"
_WORDNUM = rf"(?:(?:{_WT})(?:[- ](?:{_W1}))?|{_W1}|a dozen|a pair of|a couple of){_SCALE}"
_DIGITS = r"(?:(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)(?:[\s-]?(?:million|billion|trillion|thousand|bn|m)\b)?"
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
_SIGNS = "|".join(re.escape(sign) for sign in sorted(CURRENCY_SIGNS, key=len, reverse=True))
_CUR = rf"(?:(?:{_SIGNS})\s?|\ufffd+\s?|\?\s?)"
_NUM = rf"(?:{_CUR}?{_DIGITS}|{_WORDNUM}|half a dozen|half an?)"
_QUAL = (
    r"at least|more than|over|nearly|almost|about|around|roughly|some|approximately|up to|as many as|as much as|"
    r"fewer than|less than|under|an estimated|at most|no more than|close to|a further|another|only|just"
)
_PATTERN = re.compile(
    rf"(?:(?<![\w.,$-])|(?<=\w)(?=[?\ufffd]\s?\d))(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:between\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})|(?P<vague>{_VAGUE})\b|(?P<long>(?:{UNIT_PATTERN})-?long)\b"
    rf"|(?P<a>{_NUM})(?:(?:\s+votes?(?=\s+to\s))?\s*(?:-to-|-|–|to|-to)\s*(?P<b>{_NUM}))?)"
    rf"(?P<unit>\s*-?\s*(?:{UNIT_PATTERN})(?![\w]))?"
    rf"(?P<age>-years?[-\s]old\b|\s+years?\s+old\b)?"
    rf"(?P<cal>\s*-?\s*(?:calib(?:er|re)|gauge))?",
    re.I,
)
# "two girls, ages 12 and 15", "aged 70": figures after the word "age" are ages.
_AGE_WORD = re.compile(r"\b(?:aged?|ages)\s+(?:\d{1,3}\s*(?:,|and|or|&)\s*)*$", re.I)
_DIRECTION = re.compile(r"\s*(?:north|south|east|west)(?:-?(?:north|south)?-?(?:east|west))?\s+of\s+", re.I)
_LEXICON = json.loads(Path(__file__).with_name("number_words.json").read_text(encoding="utf-8"))
# The calendar's months (English, whatever the machine's locale), to tell an earlier month's figures.
_MONTHS = _LEXICON["months"]
_MONTH = re.compile(rf"\b({'|'.join(m.capitalize() for m in _MONTHS)})\b")
_CLOCK = re.compile(r"^\s*(?::\d\d|[ap]\.?m\b|o'clock|GMT|BST)", re.I)


def _classes(groups: dict[str, list[str]]) -> dict[str, str]:
    return {word: cls for cls, words in groups.items() for word in words}


# Head-noun lemma -> counted class, event words -> event: a general lexicon in number_words.json.
NOUN_CLASSES = _classes(_LEXICON["noun_classes"])


def counted_class(lemma: str) -> str:
    """What a head noun counts: its class in the lexicon, else 'people' for a noun whose first sense in
    WordNet is a person ('seven lawyers fired', 'ten miners killed'), else the noun itself."""
    if lemma in NOUN_CLASSES:
        return NOUN_CLASSES[lemma]
    return "people" if noun_class(lemma) == "noun.person" else lemma


# Which nouns imply an event when they are themselves the counted thing ("46 arrests", "two deaths").
NOUN_EVENTS = _classes(_LEXICON["noun_events"])
EVENTS = _classes(_LEXICON["events"])
# Where people are taken says what befell them: "taken to hospital", "rushed to St. Mary's Hospital".
_DESTINATIONS = _classes(_LEXICON["destinations"])
_TARGET_PREPS = set(_LEXICON["target_prepositions"])
# "shot eleven times" counts hits on one person; "arrested four times", like "four prior arrests", a record.
_REPEATS = {(c, e): (c2, e2) for c, e, c2, e2 in _LEXICON["repeats"]}
# "Since the shooting, over 50 arrests ... over four nights": a running total, not one occasion's count.
_RUNNING_TOTAL = re.compile(
    r"\b(?:since|so far|to date|in all|altogether|over (?:the )?(?:past |last )?(?:\w+ )?(?:days|nights|weeks))\b",
    re.I,
)
_EARLIER = set(_LEXICON["earlier"])
_LANDED = set(_LEXICON["landed"])
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "throughout", "around"}
_UNACCUSATIVE = set(_LEXICON["unaccusative"])  # verbs whose subject is the one the event befalls
_VERB_ONLY = set(_LEXICON["verb_only"])  # "a nationwide strike", "set fire": no event
# An event named by an idiom ("took to the streets").
_IDIOMS = {(verb, obj): event for verb, obj, event in _LEXICON["idioms"]}
_AGENT_EVENTS = {"killed", "injured", "arrested", "shot", "fired", "found", "rescued"}
# Words that make "134 to 63" a tally of two sides' counts (a vote, a score), not a range.
_TALLY_WORDS = set(_LEXICON["tally_words"])
# Events that happen night after night (crowds, arrests): a count of one is dated by its own clause's day.
RECURRING = frozenset(_LEXICON["recurring"])
# "at one point", "one thing ... another": "one" as an indefinite before these nouns counts nothing.
_INDEFINITE_ONE = frozenset(_LEXICON["indefinite_one"])
_MEASURE_HEADS = {"depth": "depth", "deep": "depth", "pursuit": "chase", "chase": "chase", "speed": "speed"}


register_kind(FactKind("number", "Number", "Numbers", weight=0))


@register("numbers", 44)
def extract(article: ArticleDoc) -> list[Mention]:
    """Every reported amount in the article body, with what it counts and by which event."""
    lead_places = _lead_places(article)
    out: list[Mention] = []
    singles: list[Mention] = []
    for sent in article.sentences():
        span = article.sentence_span(sent)
        text = article.text[span.start : span.end]
        context = _context(article, sent)
        taken: list[tuple[int, int]] = []
        for match in _PATTERN.finditer(text):
            mention = _mention(article, sent, span, match, context, lead_places)
            if mention and not any(s < mention.end and mention.start < e for s, e in taken):
                taken.append((mention.start, mention.end))
                out.append(_as_conversion(article.text, out[-1], mention) if out else mention)
        singles.extend(_one_victim(article, sent, span, context, lead_places, taken))
    return out + _lone(singles, out)


def _one_victim(
    article: ArticleDoc, sent, span, context: str, lead_places: set[str], taken: list[tuple[int, int]]
) -> list[Mention]:
    """'shot and killed a woman', 'the receptionist was shot dead': one person killed or hurt, with no numeral."""
    found = []
    for token in sent:
        det = [c for c in token.children if c.dep_ == "det" and c.lower_ in ("a", "an", "the")]
        lemma = _lemma(token)
        if not det or token.tag_ != "NN" or token.dep_ not in ("dobj", "nsubjpass", "nsubj") or lemma in NOUN_EVENTS:
            continue
        if counted_class(lemma) != "people":
            continue
        _, event = _head_and_event(token)
        start, end = det[0].idx, token.idx + len(token.text)
        if event not in ("killed", "injured") or any(s < end and start < e for s, e in taken):
            continue
        setting = context.lstrip("@") or _elsewhere(article, sent, token, lead_places)
        quantity = Quantity(
            Decimal(1), Decimal(1), None, "people", event, figure=Decimal(1), step=Decimal(1), setting=setting
        )
        found.append(_number(article, start, end, span, quantity, f"1 person {event}"))
    return found


def _lone(singles: list[Mention], counted: list[Mention]) -> list[Mention]:
    """A lone 'a woman was killed' is the count; an article naming victims one by one, or giving a figure, is not."""
    keys = Counter(m.key for m in singles)
    stated = {m.key for m in counted}
    return [m for m in singles if keys[m.key] == 1 and m.key not in stated]


def _as_conversion(text: str, previous: Mention, mention: Mention) -> Mention:
    """'110 billion ($141 billion)': the bracketed sum converts the one before it and is keyed by that amount.

    Outlets convert at different rates or into other currencies, so conversions of one amount are compared
    with each other, not with sums the text states in that currency outright.
    """
    q, base = mention.quantity, previous.quantity
    if q is None or base is None or {q.counted, base.counted} != {"money"} or q.unit == base.unit:
        return mention
    if not re.fullmatch(r"\s*\(\s*", text[previous.end : mention.start]) or base.low is None:
        return mention
    q = replace(q, converts=large(base.low))
    return replace(mention, key=number_key(q), quantity=q)


def number_key(q: Quantity) -> str:
    """The key a number is grouped by, made from its typed parts: the one place that writes it, none reads it back."""
    if q.counted == "age":
        return "age|" + (q.person or f"{q.role or '?'}@{q.once}")
    return "|".join(key_words(q))


def key_words(q: Quantity) -> tuple[str, ...]:
    """What a number's key says, in order (an unnamed person's one-off marker left out): a fact's subject."""
    if q.converts:
        return (q.unit or "", f"converted from {q.converts}")
    if q.counted == "age":
        return ("age", q.person) if q.person else ("age",)
    if q.counted == "magnitude":
        return tuple(p for p in ("magnitude", q.subject) if p)
    if q.counted == "caliber" and q.subject:
        return (q.subject,)
    if q.counted == "year" and q.subject:
        return ("year", q.subject)
    if q.unit:
        told = q.counted == "money" or (q.counted == "duration" and q.subject)  # what lasted says which duration
        head = q.unit if q.counted == "money" else q.counted
        return tuple(p for p in (head, q.subject, "" if told else q.event, q.setting) if p)
    marks = (*(("part",) if q.part else ()), *(("whole",) if q.whole else ()))
    return (q.counted, q.event, *marks, *((q.setting,) if q.setting else ()))


def _mention(article: ArticleDoc, sent, span, match: re.Match, context: str, lead_places: set[str]) -> Mention | None:
    """One match -> a Mention, or None when it is a year, date, time, ordinal, id or bare figure."""
    start, end = span.start + match.start(), span.start + match.end()
    tokens = _starting_within(sent, start, end)
    quantity = _quantity(match, article.text[max(0, start - 2) : start]) if tokens else None
    if quantity is None:
        return None
    age = bool(match.group("age") or _AGE_WORD.search(article.text[max(0, start - 24) : start]))
    age = age or _appositive_age(tokens, quantity)
    model = _model(tokens, match) if not age else ""
    if model:
        quantity = replace(quantity, counted="year", event="", approximate=False, subject=model.lower())
        return _number(article, start, end, span, quantity, f"{int(quantity.low)} {model}")
    if not (age or match.group("unit")) and (term := _term_after(article.text, start, end)):
        return _prison_term(article, start, end + len(term.group("years")), span, match, tokens, quantity)
    if not age and _not_a_count(article, match, tokens, end):
        return None
    anchor = tokens[-1].head if tokens[-1].dep_ == "conj" and tokens[-1].head in tokens else tokens[-1]
    if anchor.dep_ == "quantmod" and anchor.head in tokens:
        anchor = anchor.head  # "about two dozen people": "dozen" hangs on "two", which counts the people
    sent_text = article.text[span.start : span.end]
    part = False
    if not age and _is_magnitude(match, sent_text):
        counted, event = "magnitude", ""
        subject = "aftershock" if re.search(r"aftershock", sent_text, re.I) else ""
        quantity = replace(quantity, unit=None, counted="magnitude", event="", subject=subject)
    elif age:
        counted, event = "age", ""
        person, role, once = _person(article, sent, anchor)
        quantity = replace(quantity, unit="years", counted="age", event="", person=person, role=role, once=once)
    elif against := _tally(match, tokens, quantity):
        counted, event = "tally", ""
        first = quantity.low
        quantity = Quantity(first, first, None, "tally", "", figure=first, step=Decimal(1), against=against)
    elif match.group("cal"):
        counted, event = "caliber", ""
        subject = "gauge" if "gauge" in match.group("cal").lower() else "caliber"
        quantity = replace(quantity, unit=None, counted="caliber", event="", approximate=False, subject=subject)
    elif quantity.unit:
        noun, event = _head_and_event(anchor)
        counted = DIMENSIONS.get(quantity.unit, quantity.unit)
        place = _direction_place(article, start, end)
        below = re.match(r"\s+(?:below|beneath|deep|underground)\b", article.text[end : end + 15]) or re.search(
            r"\bdepth\s+(?:of\s+)?(?:about\s+|some\s+)?$", article.text[max(0, start - 20) : start]
        )
        subject = place or (
            "depth" if below else _MEASURE_HEADS.get(noun.lemma_.lower() if noun is not None else "", "")
        )
        event = "" if place or below else event
        nxt = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
        if not subject and counted == "area" and nxt is not None and nxt.pos_ == "NOUN":
            subject = nxt.lemma_.lower()
        if not subject and counted == "duration":
            subject = _measured(anchor)
        if not subject and counted == "percent":
            subject = _verb_subject(anchor)
        quantity = replace(quantity, counted=counted, event=event, subject=subject)
    else:
        counted, event, part, end = _counted(anchor, tokens, end, vague=bool(match.group("vague")))
        if not counted and not event:
            return None
        whole = _whole_of_part(anchor)
        event = "" if whole else event  # what befell the part ("hit by three of ...") is not said of the whole
        quantity = replace(quantity, unit=None, counted=counted, event=event, part=part, whole=whole)
    if counted == "people" and not context and (running := _RUNNING_TOTAL.search(sent_text)):
        context = "@" + running.group(0).lower()
    if not context and article.reference_date is None and counted not in ("age", "caliber", "magnitude", "year"):
        context = _clause_year(article, sent, anchor)
    if counted == "people" and quantity.event in RECURRING and not quantity.part:
        quantity = replace(quantity, on=_clause_day(article, sent, anchor))
    if context.startswith("@") and counted not in ("age", "caliber", "magnitude"):
        quantity = replace(quantity, setting=context[1:])
    elif (
        not quantity.unit
        and counted not in ("age", "caliber", "magnitude")
        and (place := _elsewhere(article, sent, anchor, lead_places))
    ):
        quantity = replace(quantity, setting=place)
    value = _readable(quantity, match, counted, event, part, article.text[start:end])
    return _number(article, start, end, span, quantity, value)


def _tally(match: re.Match, tokens, quantity: Quantity) -> Decimal | None:
    """'won, 134 to 63', 'a 134-to-63 vote', 'by a vote of 134 to 63', 'by five votes to two': the second count
    of a tally, or None.

    A pair of whole numbers written largest first, with no unit or qualifier, is a tally when a word of
    voting or winning (`tally_words`) governs it or sits beside its head in the parse ('She won, 134 to
    63, ...' hangs the pair on the main verb, beside 'won'). Written smallest first it is a range; 'from 300
    to 150' is a change.
    """
    low, high = quantity.low, quantity.high
    if not match.group("b") or match.group("unit") or match.group("qual") or low is None or high is None:
        return None
    if low <= high or low != low.to_integral_value() or high != high.to_integral_value():
        return None
    first = tokens[0]
    if first.i > 0 and first.nbor(-1).lower_ == "from":
        return None
    heads, cur = [], tokens[-1]
    for _ in range(6):  # up to the verb of the figure's clause
        if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
            break
        cur = cur.head
        heads.append(cur)
    words = (
        heads + list(tokens) + [c for h in heads for c in h.children if c.pos_ in ("VERB", "NOUN") and c not in heads]
    )
    return high if any(w.lemma_.lower() in _TALLY_WORDS for w in words) else None


# Which term a verb gives: imposed ("sentenced to", "received"), sought ("prosecutors sought"), possible ("faces").
_TERMS = _classes(_LEXICON["prison_terms"])
# A prison term: "12 years in prison", "10 years in federal prison", "a 15-year term", "a 10-year sentence".
_PRISON_TERM = re.compile(
    r"(?P<years>[\s-]years?)(?:\s+(?:in|behind)\s+(?:a\s+)?(?:[a-z]+\s+)?(?:prison|jail|bars)\b"
    r"|(?:\s+(?:prison|jail))?\s+(?:sentence|term)\b)",
    re.I,
)
_YEARS = re.compile(r"(?P<years>[\s-]years?)\b(?!\s+of\b)", re.I)  # not "5 years of probation"
_SENTENCED_TO = re.compile(r"\bsentenced\b[^.;]{0,40}\bto\s+$", re.I)


def _term_after(text: str, start: int, end: int) -> re.Match | None:
    """The years of a prison term after a figure: said to be in prison, a sentence or term, or what someone was
    sentenced to ("was sentenced on Thursday to 20 years")."""
    if term := _PRISON_TERM.match(text, end):
        return term
    return _YEARS.match(text, end) if _SENTENCED_TO.search(text[max(0, start - 60) : start]) else None


def _prison_term(article: ArticleDoc, start: int, end: int, span, match: re.Match, tokens, quantity) -> Mention:
    """A prison term, keyed by which term its verb gives: the term a judge imposed ('sentenced to 12 years',
    'received a 20-year sentence') is not the one prosecutors sought, nor the most the law allows ('faces',
    'could be sentenced to up to 119 years'), nor the time to be served before parole ('will spend 45 years')."""
    verb = tokens[-1]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    lemma = verb.lemma_.lower() if verb.pos_ in ("VERB", "AUX") else ""
    possible = bool(lemma) and any(c.tag_ == "MD" for c in verb.children)  # "could be sentenced to up to 119 years"
    which = "possible" if possible else _TERMS.get(lemma, lemma)
    q = replace(quantity, unit="years", counted="prison term", event="", subject=which)
    return _number(article, start, end, span, q, f"{match.group(0).strip()} years in prison")


def _number(article: ArticleDoc, start: int, end: int, span, quantity: Quantity, value: str) -> Mention:
    """A number mention: its key is always the one `number_key` makes from the quantity's fields."""
    return article.mention(
        "number",
        start,
        end,
        span,
        value=value,
        key=number_key(quantity),
        attributed_to=credited_source(article, span),
        quantity=quantity,
    )


def _measured(anchor) -> str:
    """'a 55-minute speech', 'a 24-hour nationwide strike': the thing a measure describes, the noun it modifies."""
    head = anchor.head
    if anchor.dep_ in ("compound", "amod", "nmod", "npadvmod") and head.pos_ == "NOUN" and head.i > anchor.i:
        return head.lemma_.lower()
    return ""


def _model(tokens, match: re.Match) -> str:
    """'a gray 2013 Toyota Camry': the named thing a year is the model year of (its name's last word keys it),
    read by `model_year_name`, which the date extractor shares so that such a year is never also a date."""
    raw = match.group(0).strip()
    if len(tokens) != 1 or not re.fullmatch(r"(1[5-9]|20)\d\d", raw):
        return ""
    return model_year_name(tokens[0])


def _starting_within(sent, start: int, end: int) -> list:
    """The sentence's tokens that start in [start, end), found by bisection rather than a walk of the sentence."""
    doc = sent.doc
    lo, hi = sent.start, sent.end
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < start:
            lo = mid + 1
        else:
            hi = mid
    out = []
    while lo < sent.end and doc[lo].idx < end:
        out.append(doc[lo])
        lo += 1
    return out


def _not_a_count(article: ArticleDoc, match: re.Match, tokens, end: int) -> bool:
    """Years, dates, clock times, ordinals, ids and phone numbers are not amounts."""
    raw = (match.group("a") or match.group("lo") or "").strip()
    after = article.text[end : end + 8]
    if _CLOCK.match(after) or re.match(
        r"^(?:st|nd|rd|th)\b|^-\d|^/\d|^-(?:stor|floor|day|week|month|hour|minute|point|time)", after
    ):
        return True
    if re.fullmatch(r"(1[5-9]|20)\d\d", raw) and not match.group("unit"):
        return True
    if match.group("age") or match.group("cal"):
        return False
    if _indefinite_one(tokens):
        return True
    if any(t.ent_type_ in ("DATE", "TIME") for t in tokens) and not match.group("unit") and not _counts_people(tokens):
        return not (match.group("a") and parse_number(raw) and parse_number(raw) >= 100 and "," in raw)
    return _label(tokens, match)


def _indefinite_one(tokens) -> bool:
    """The word "one" as an indefinite in a fixed phrase ("At one point he mumbled", "a demonstration is one
    thing and murder is quite another", "I'm here to tell you one thing"): its noun (data: `indefinite_one`)
    names no countable thing, so the phrase states no amount."""
    last = tokens[-1]
    return (
        len(tokens) == 1
        and last.lower_ == "one"
        and last.dep_ == "nummod"
        and last.head.tag_ == "NN"
        and last.head.lemma_.lower() in _INDEFINITE_ONE
    )


def _label(tokens, match: re.Match) -> bool:
    """'Interstate 75', 'section 3', 'room 101', 'No. 2': a figure right after a singular noun it does not
    count names one of a series; English puts the figure before what it counts ("75 miles").

    A magnitude is the one measure written this way ("magnitude 4.6").
    """
    first, last = tokens[0], tokens[-1]
    before = first.nbor(-1) if first.i > 0 else None
    bare = re.fullmatch(r"\d+", match.group(0).strip())  # "Athens 20,000 people", "bailout euro22 billion" count
    if before is None or not bare or _is_magnitude(match, first.sent.text):
        return False
    if before.pos_ == "PROPN" and before.text[:1].isupper():
        return True  # "Interstate 75 highway"
    counts_after = last.dep_ in ("nummod", "compound") and last.head.i > last.i and last.head.tag_ == "NNS"
    return not counts_after and (before.tag_ == "NN" or (first.dep_ == "nummod" and first.head.i == before.i))


def _counts_people(tokens) -> bool:
    """'Between 60 and 100 rioters', 'put the crowd at 70': counts, even when the tagger calls them a date."""
    doc, last = tokens[0].doc, tokens[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and counted_class(_lemma(nxt)) == "people":
        return True
    verb = last.head.head if last.dep_ == "pobj" and last.head.lower_ == "at" else None
    return verb is not None and any(c.dep_ == "dobj" and c.lemma_.lower() in NOUN_EVENTS for c in verb.children)


def _quantity(match: re.Match, before: str) -> Quantity | None:
    """The interval the words allow: qualifiers open or widen it; ranges and vague amounts bound it."""
    unit = _unit(match)
    if match.group("vague"):
        lo, hi = VAGUE[match.group("vague").lower()]
        low, high = (Decimal(lo) if lo is not None else None), (Decimal(hi) if hi is not None else None)
        approx = True
    elif match.group("long"):  # "an hourlong speech", "a mile-long queue": one of the unit
        low = high = Decimal(1)
        approx = False
    else:
        first = match.group("lo") or match.group("a")
        second = match.group("hi") or match.group("b")
        low = _value(first)
        high = _value(second) if second else low
        if low is None or high is None:
            return None
        approx = False
    qual = (match.group("qual") or "").lower()
    figure, step = _figure(match, low, high)
    low, high, approx = _qualified(qual, low, high, approx)
    converted = False
    if unit:
        low, canonical = convert(low, unit)
        high, _ = convert(high, unit)
        figure, _ = convert(figure, unit)
        step, _ = convert(step, unit)
        converted, unit = canonical != unit.lower(), canonical
    elif _currency(match):
        unit = _currency(match)
    elif re.search(r"[?\ufffd]\s?$", before) and match.group("a") and match.group("a")[:1].isdigit():
        unit = LOST_CURRENCY  # the sign fell into the previous sentence ("in return for? 110bn")
    return Quantity(low, high, unit, approximate=approx, **_stated(match, qual, figure, step, converted))


def _figure(match: re.Match, low: Decimal | None, high: Decimal | None) -> tuple[Decimal | None, Decimal]:
    """The one figure a statement gives and the precision it is written at ('15,800' -> 100, '1.2' -> 0.1)."""
    if match.group("vague") or low != high or low is None:
        return None, Decimal(0)
    digits = re.search(r"\d[\d,]*(?:\.\d+)?|\.\d+", match.group("a") or "")
    if digits is None:
        return low, Decimal(1)
    written = Decimal(digits.group(0).replace(",", ""))
    scale = low / written if written else Decimal(1)
    exponent = written.normalize().as_tuple().exponent
    if exponent > 0 and written < 1000:
        exponent = 0  # "100 mph" is a hundred, not a figure rounded to the hundred; "15,800" may be
    return low, Decimal(10) ** exponent * scale


def _stated(match: re.Match, qual: str, figure: Decimal | None, step: Decimal, converted: bool) -> dict:
    """What kind of statement the amount is: a figure, a bound, a range or a vague amount."""
    if match.group("vague"):
        qualifier = "vague"
    elif figure is None:
        qualifier = "range"
    elif qual in _LOWER_BOUNDS:
        qualifier = "at least"
    elif qual in _UPPER_BOUNDS:
        qualifier = "at most"
    elif qual in _ABOUT:
        qualifier = "about"
    else:
        qualifier = ""
    return {"figure": figure, "step": step, "converted": converted, "qualifier": qualifier}


def _value(text: str | None) -> Decimal | None:
    if not text:
        return None
    cleaned = re.sub(rf"^{_CUR}", "", text.strip(), flags=re.I)
    if cleaned.lower() in ("a pair of", "a couple of"):
        return Decimal(2)
    if cleaned.lower().startswith("a dozen"):
        return Decimal(12)
    if cleaned.lower() == "half a dozen":
        return Decimal(6)
    words = cleaned.lower().split()
    if words and words[-1] in ("dozen",) and len(words) > 1:
        base = parse_number(" ".join(words[:-1]))
        return None if base is None else base * MULTIPLIERS["dozen"]
    return parse_number(cleaned)


_LOWER_BOUNDS = ("at least", "more than", "over")
_UPPER_BOUNDS = ("up to", "as many as", "as much as", "fewer than", "less than", "under", "at most", "no more than")
_ABOUT = ("about", "around", "roughly", "some", "approximately", "an estimated", "nearly", "almost", "close to")


def _qualified(qual: str, low, high, approx: bool):
    """'at least 5' -> [5, None]; 'about 30' -> [27, 33]; 'nearly 24' -> [~21.6, 24]."""
    if qual in _LOWER_BOUNDS:
        return low, None, True
    if qual in _UPPER_BOUNDS:
        return None, high, True
    if qual in ("nearly", "almost", "close to"):
        return approx_bounds(high)[0], high, True
    if qual in _ABOUT or approx:
        if low == high and low is not None and not approx:
            return *approx_bounds(low), True
        return low, high, True
    return low, high, False


def _unit(match: re.Match) -> str | None:
    raw = match.group("unit") or re.sub(r"-?long$", "", match.group("long") or "", flags=re.I)
    if not raw:
        return None
    word = re.sub(r"[\s-]+", " ", raw.strip(" -").lower())
    return word if word in UNITS else None


def _currency(match: re.Match) -> str | None:
    """The currency from a sign or word before the amount, or a currency word right after it ("110bn-euro")."""
    raw = (match.group("a") or match.group("lo") or "").strip().lower()
    signs = [*sorted(CURRENCY_SIGNS.items(), key=lambda s: -len(s[0])), ("?", LOST_CURRENCY), ("\ufffd", LOST_CURRENCY)]
    for sign, code in signs:
        if raw.startswith(sign):
            return code
    after = match.string[match.end() : match.end() + 8].lower()
    if re.match(r"-?\s?euros?\b", after):
        return "EUR"
    if re.match(r"-?\s?(?:pounds?|sterling)\b", after):
        return "GBP"
    if re.match(r"-?\s?dollars?\b", after):
        return "USD"
    return None


def _is_magnitude(match: re.Match, sent_text: str) -> bool:
    """A bare decimal like 4.6 in a sentence about an earthquake is its magnitude."""
    raw = (match.group("a") or "").strip()
    if match.group("unit") or match.group("b") or not re.fullmatch(r"\d\.\d", raw):
        return False
    return bool(re.search(r"\b(?:earthquake|quake|temblor|aftershock|tremor|magnitude|richter)", sent_text, re.I))


def _appositive_age(tokens, quantity: Quantity) -> bool:
    """'Anthony X, 38,', 'two girls, 12 and 15,': a bare number set off by commas after a person is an age."""
    first, last = tokens[0], tokens[-1]
    if len(tokens) != 1 or quantity.low is None or not (1 <= quantity.low <= 110) or quantity.low != quantity.high:
        return False
    doc = first.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    closed = nxt is None or nxt.text in (",", ".", ";", "and", "-", "--", "—", ")")
    return _set_beside(first)[0] is not None and closed


def _set_beside(figure) -> tuple:
    """Who a figure is set beside after a comma, and whether by name: 'Riva, 47', 'two men, ages 47 and 48'.

    A person is a name (one the tagger missed counts when the article names that person elsewhere: "Reynolds,
    55," read as a plural noun at a line's start) or a plural noun of people ("two girls, 12 and 15").
    """
    doc, i = figure.doc, figure.i - 1
    while i > 1 and doc[i].lower_ in ("and", "or", ",") and doc[i - 1].like_num:
        i -= 2
    if i > 0 and doc[i].lower_ in ("age", "ages", "aged"):
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None, False
    before = doc[i - 1]
    named = before.ent_type_ == "PERSON" or (before.pos_ == "PROPN" and before.text[:1].isupper())
    named = named or (before.text[:1].isupper() and _a_name_in(doc, before.text))
    people = before.tag_ == "NNS" and counted_class(_lemma(before)) == "people"
    return (before if named or people else None), named


def _a_name_in(doc, word: str) -> bool:
    """Whether the article names a person with this word; the words are gathered once per article."""
    if "parallax_person_words" not in doc.user_data:
        persons = (e for e in doc_ents(doc) if e.label_ == "PERSON")
        doc.user_data["parallax_person_words"] = {w for e in persons for w in e.text.split()}
    return word in doc.user_data["parallax_person_words"]


def _person(article: ArticleDoc, sent, anchor) -> tuple[str, str, str]:
    """(name, role, one-off marker) of the person an age belongs to: a name next to it or the one it is set beside.

    The aligner resolves the name across the story's outlets; an age with no name ("He's 16") gets a
    one-off marker (source and offset) and joins a person only by its value.
    """
    once = f"{article.source.id}:{anchor.idx}"
    beside, named = _set_beside(anchor)
    if beside is not None and not named:
        return "", _lemma(beside), once  # "two girls, 12 and 15": the role
    if beside is not None:
        # "Riva, 47, and Steinberg, 48"
        ent = next((e for e in article.ents_within(sent) if e.start <= beside.i < e.end), None)
        return _name(ent.text if ent is not None else beside.text), "", ""
    head = anchor.head
    while head.dep_ in ("amod", "compound", "npadvmod") and head.head.i != head.i:
        head = head.head
    if head.pos_ == "NOUN" and head.i > anchor.i and head.lemma_.lower() not in ("old", "year"):
        return "", head.lemma_.lower(), once  # "his 14-year-old wife": not a name
    window = [e for e in article.ents_within(sent) if e.label_ == "PERSON" and -8 <= e.start - anchor.i <= 4]
    if window:
        return _name(min(window, key=lambda e: abs(e.start - anchor.i)).text), "", ""
    if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
        return _name(head.head.text), "", ""
    if head.pos_ == "PROPN" and head.i > anchor.i and head.text[:1].isupper() and _a_name_in(article.doc, head.text):
        return _name(head.text), "", ""  # "The 58-year-old Okafor": a surname the tagger left untagged here
    if head.pos_ in ("NOUN", "PROPN") and head.ent_type_ != "PERSON" and head.lemma_.lower() not in ("old", "year"):
        return "", head.lemma_.lower(), once
    return "", "", once


def _name(text: str) -> str:
    """A person's name without possessive or brackets: "Doe's" -> "Doe"."""
    return " ".join(re.sub(r"['’]s$|[()]", "", text.strip()).split())


def _counted(anchor, tokens, end: int, vague: bool):
    """(class, event, part of a group, new end) for a plain count: the head noun's class and the event that befell it.

    "three of the people" counts a part of a group; "tens of thousands of people" is an amount of them.
    """
    noun, part = None, False
    if (
        anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
        and anchor.head.pos_ in ("NOUN", "PROPN")
        and anchor.head.i > anchor.i
    ):
        noun = anchor.head
        while noun.dep_ == "compound" and noun.tag_ == "NN" and noun.head.i > noun.i and noun.head.pos_ == "NOUN":
            noun = noun.head
    else:
        of = [c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"]
        pobj = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        if pobj and pobj[0].pos_ in ("NOUN", "PROPN"):
            noun, part = pobj[0], not vague
    if noun is not None and noun.lemma_.lower() in ("magnitude",):
        return "magnitude", "", False, end
    # "three of the seven bullets": the whole has a figure of its own, a fact of its own, so the part stops short
    whole = part and noun is not None and any(c.dep_ == "nummod" and c.i > anchor.i for c in noun.children)
    if noun is not None and noun.i - tokens[-1].i <= 5 and not whole:
        end = max(end, noun.idx + len(noun.text))
    lemma = _lemma(noun) if noun is not None else ""
    counted = counted_class(lemma)
    _, event = _head_and_event(noun if noun is not None else anchor)
    event = event or NOUN_EVENTS.get(lemma, "")
    if noun is None and event in ("killed", "injured", "missing") and anchor.dep_ in ("dobj", "nsubjpass", "nsubj"):
        counted = "people"
    event = event or _estimated_crowd(noun if noun is not None else anchor, counted)
    if noun is None and event == "gathered":  # "estimated the crowd at 70"
        counted = "people"
    counted, event = _REPEATS.get((counted, event), (counted, event))
    if counted == "shots" and not event and noun is not None and noun.head.lemma_.lower() in _LANDED:
        event = "struck"  # "seven bullets entered his body"
    if lemma == "arrest" and any(c.lower_ in _EARLIER for c in noun.children):
        counted, event = _REPEATS[("time", "arrested")]
    if not counted and anchor.dep_ not in ("nsubj", "dobj", "nsubjpass", "pobj"):
        return "", "", False, end
    if re.fullmatch(r"\W*", lemma or "x"):
        counted = ""
    if counted == "people" and not event and lemma not in NOUN_CLASSES:
        counted = lemma  # people of no event are compared only as the same noun: 'two donors', not 'two men'
    return counted, event, part and bool(counted), end


def _estimated_crowd(obj, counted: str) -> str:
    """'Police put the march, to mark a 24-hour nationwide strike, at roughly 30,000 people': an estimate of a
    gathering ('put', 'estimated' the crowd, march or rally at N people) counts the people who gathered.

    The 'at' phrase may hang on the clause the parse sets under the estimating verb ('to mark ...'), so the
    gathering is looked for on that verb and the one it is set under; only people, or a bare figure, are a crowd.
    """
    if counted not in ("people", "") or obj.dep_ != "pobj" or obj.head.lower_ != "at":
        return ""
    verb = obj.head.head
    verbs = [verb, verb.head] if verb.dep_ in ("advcl", "xcomp") else [verb]
    for v in verbs:
        for child in v.children:
            if child.dep_ == "dobj" and NOUN_EVENTS.get(_lemma(child)) == "gathered":
                return "gathered"
    return ""


def _whole_of_part(anchor) -> bool:
    """'three of the seven bullets', 'one of the two largest unions': whether a figure counts the group a
    part is taken from. The whole is a fact of its own, but what the clause says of the part is not said of it.
    """
    noun = anchor.head
    return (
        anchor.dep_ == "nummod"
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and (noun.head.head.like_num or noun.head.head.pos_ == "NUM")
    )


def _lemma(token) -> str:
    """A noun's singular, checked against the class lexicon first (spaCy reads 'bases' as 'basis')."""
    word = re.sub(r"'s$|’s$", "", token.lower_)
    for form in (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else ""):
        if form in NOUN_CLASSES:
            return form
    return token.lemma_.lower()


def _head_and_event(token):
    """The noun a figure sits on and the event it takes part in, walking up the parse a few steps."""
    noun = token if token.pos_ in ("NOUN", "PROPN") else None
    cur, via_prep = token, None
    if noun is not None and (event := _event_modifier(noun)):
        return noun, event
    for _ in range(5):
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ == "conj":
            break
        if cur.dep_ == "pobj":
            via_prep = head.lower_
        if (
            noun is None
            and head.pos_ in ("NOUN", "PROPN")
            and cur.dep_ in ("nummod", "compound", "amod", "nmod", "npadvmod", "pobj", "quantmod")
        ):
            noun = head
        lemma = head.lemma_.lower()
        if lemma not in EVENTS and head.lower_ in EVENTS:
            lemma = head.lower_  # "are missing": the parse reads a verb "miss"; the word is the state
        if lemma in EVENTS and (
            head.pos_ == "VERB"
            or (head.pos_ in ("NOUN", "ADJ") and (lemma not in _VERB_ONLY or via_prep in _TARGET_PREPS))
        ):
            event = _strongest(head, EVENTS[lemma])
            if event in ("fired", "struck") and via_prep in _TARGET_PREPS:
                event = "struck"
            elif cur.dep_ == "nsubj" and event in _AGENT_EVENTS and not _undergoes(head):
                event = ""
            return noun, event
        if head.pos_ in ("VERB", "AUX"):
            return noun, _event_in_children(head, noun) or _raised_event(head, cur)
        cur = head
    return noun, ""


def _raised_event(verb, subject) -> str:
    """'One person is believed to have been arrested', '20 people had to be ushered to safety': the subject of a
    verb that only frames another (its open complement, `xcomp`) takes part in that other verb's event.

    Only a passive frame ("is believed to", "were reported to") or the modal "have to" says the event took
    place; "wanted to march", "tried to arrest" say it was meant.
    """
    if not (subject.dep_ == "nsubjpass" or (subject.dep_ == "nsubj" and verb.lemma_.lower() == "have")):
        return ""
    for _ in range(2):
        inner = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if inner is None:
            return ""
        lemma = inner.lemma_.lower()
        if lemma in EVENTS and lemma not in _VERB_ONLY:
            event = _strongest(inner, EVENTS[lemma])
            return event if event not in _AGENT_EVENTS or _undergoes(inner) else ""
        verb = inner
    return ""


def _event_modifier(noun) -> str:
    """'fired 11 shots' mis-parsed as an adjective: an event verb or participle right before the counted noun."""
    for child in noun.children:
        lemma = child.lemma_.lower()
        if child.dep_ == "amod" and child.tag_ in ("VBD", "VBN") and child.i < noun.i and lemma in EVENTS:
            return EVENTS[lemma]
    return ""


def _undergoes(head) -> bool:
    """Whether a subject suffers the event rather than doing it: 'three people died', 'left three people dead'."""
    return (
        head.lemma_.lower() in _UNACCUSATIVE
        or head.pos_ == "ADJ"
        or any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
    )


def _verb_subject(token) -> str:
    """'Greek stocks plunged 5.4 per cent' -> 'stock': what a percentage is a change of."""
    cur = token
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            subjects = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            return _lemma(subjects[0]) if subjects else ""
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return ""


def _strongest(verb, event: str) -> str:
    """'shot to death', 'shot dead', 'shot and killed': the gravest event the verb phrase names."""
    words = {c.lemma_.lower() for c in verb.subtree if c.i > verb.i and c.i - verb.i <= 3}
    if event == "shot" and words & {"death", "dead"}:
        return "killed"
    return event


def _destination(verb) -> str:
    """The event a verb's destination names ('taken to St. Mary's Hospital', 'rushed to hospital'), or ""."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            places = [t for t in child.subtree if t.pos_ in ("NOUN", "PROPN")]
        elif child.dep_ == "xcomp":  # "rushed to hospital" is parsed as the verb's complement
            places = [child]
        else:
            continue
        found = sorted(_DESTINATIONS[t.lemma_.lower()] for t in places if t.lemma_.lower() in _DESTINATIONS)
        if found:
            return found[0]
    return ""


def _event_in_children(verb, noun) -> str:
    """A neutral verb ('put the march at 30,000') takes its event from an event noun it governs or a modifier,
    or from where it takes the counted people ('were taken to St. Mary's Hospital': hospitalized)."""
    around = list(verb.children) + (list(noun.children) if noun is not None else [])
    if (noun is None or noun.dep_ != "nsubj") and (event := _destination(verb)):  # the people moved, not the movers
        return event
    for child in around:
        if (
            child.dep_ in ("oprd", "acomp", "xcomp", "amod")
            and child.tag_ in ("JJ", "VBN", "VBG")
            and child.lower_ in EVENTS
        ):
            return EVENTS[child.lower_]  # the state an event leaves: "left three people dead"
    for child in verb.children:
        if child.dep_ == "prep":
            for obj in child.children:
                idiom = (verb.lemma_.lower(), obj.lemma_.lower())
                if idiom in _IDIOMS and obj.dep_ == "pobj":
                    return _IDIOMS[idiom]
    for child in around:
        lemma = child.lemma_.lower()
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "amod") and lemma in EVENTS and lemma not in _VERB_ONLY:
            return EVENTS[lemma]
    return ""


def _direction_place(article: ArticleDoc, start: int, end: int) -> str:
    """'Flint, 50 miles north of Detroit' -> 'flint from detroit': distances are keyed by the places they link."""
    m = _DIRECTION.match(article.text, end)
    if not m:
        return ""
    place = re.match(r"((?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)", article.text[m.end() : m.end() + 60])
    origin = re.search(
        r"([A-Za-z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*),?\s+(?:about\s+|some\s+|roughly\s+)?$",
        article.text[max(0, start - 60) : start],
    )
    where = f"from {place.group(1).lower()}" if place else ""
    return f"{origin.group(1).lower()} {where}" if where and origin else where


def _lead_places(article: ArticleDoc) -> set[str]:
    """The story's own scene: places named in the first sentences or more than once in the article."""
    seen: dict[str, int] = {}
    lead: set[str] = set()
    for i, sent in enumerate(article.sentences()):
        for e in article.ents_within(sent):
            if e.label_ in ("GPE", "LOC", "FAC", "NORP"):
                name = e.text.lower()
                seen[name] = seen.get(name, 0) + 1
                if i < 6:
                    lead.add(name)
    return lead | {name for name, n in seen.items() if n > 1}


def _context(article: ArticleDoc, sent) -> str:
    """An earlier time ('@...') that sets a sentence's figures apart from the story's."""
    ref = article.reference_date
    for e in article.ents_within(sent):
        if e.label_ == "DATE" and ref is not None:
            years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", e.text)]
            if years and max(years) < ref.year:
                return "@" + e.text.lower()
            month = _MONTH.search(e.text)
            if month and not years and _month_index(month.group(1)) > ref.month:
                return "@" + e.text.lower()
            if month and not years and _month_index(month.group(1)) < ref.month - 1:
                return "@" + e.text.lower()
            if re.search(r"\b(?:last|previous) (?:year|month)\b|\byears? ago\b|\bmonths? ago\b", e.text, re.I):
                return "@" + e.text.lower()
    return ""


def _clause_year(article: ArticleDoc, sent, anchor) -> str:
    """'In 2010, ... she lost just 43 votes': a year the count's own clause is set in ('@2010'), or "".

    Only for an undated article, whose sentences' years cannot be told earlier or not: a figure whose own
    clause (or a clause subordinate to it, 'In 2010, after X swept ..., she lost') names the year it holds
    for is that year's, and is compared only with figures stated for the same year. A year that modifies a
    noun ('the 2010 election'), starts a span ('since 2003') or sits in another clause of the sentence does not
    set the figure apart.
    """
    clause = _clause(anchor)
    years = set()
    for e in article.ents_within(sent):
        root = e.root
        if e.label_ != "DATE" or not (found := re.findall(r"\b(?:19|20)\d\d\b", e.text)):
            continue
        if not (root.dep_ == "pobj" and root.head.lower_ in ("in", "during")):
            continue
        verb = root.doc[_clause(root)]
        if _clause(root) == clause or (verb.dep_ in ("ccomp", "advcl") and _clause(verb.head) == clause):
            years.update(found)
    return "@" + " ".join(sorted(years)) if years else ""


def _clause_day(article: ArticleDoc, sent, anchor):
    """'On Wednesday night, about 200 people attended the vigil': the one day the count's own clause names.

    The clause is found as for `_clause_year`; the day is the date the weekday or calendar date resolves to
    from the article's date or page stamp, as for its dates. None when the clause names no day or several, or
    the article has no date of its own.
    """
    ref, stamped = reference(article)
    if ref is None or (article.reference_inferred and not stamped):
        return None  # a day counted from another article's date may be a week off
    clause = _clause(anchor)
    days = set()
    for e in article.ents_within(sent):
        if e.label_ not in ("DATE", "TIME"):
            continue
        verb = e.root.doc[_clause(e.root)]
        if not (_clause(e.root) == clause or (verb.dep_ in ("ccomp", "advcl") and _clause(verb.head) == clause)):
            continue
        when = resolve(e.text, ref, relative_days=not stamped)
        if when is not None and when.earliest is not None and when.earliest == when.latest:
            days.add(when.earliest)
    return days.pop() if len(days) == 1 else None


def _elsewhere(article: ArticleDoc, sent, anchor, lead_places: set[str]) -> str:
    """Another place the count's own clause is set in ('killed five people at a mall in X'), if any."""
    clause = _clause(anchor)
    others = [
        e.text.lower()
        for e in article.ents_within(sent)
        if e.label_ in ("GPE", "LOC") and e.text.lower() not in lead_places and _setting(e.root, clause)
    ]
    return sorted(others)[0] if others else ""


def _setting(place, clause: int) -> bool:
    """Whether a place is where the clause happens: 'in X', 'at an X mall', not 'X intelligence agencies'."""
    token = place.head if place.dep_ == "compound" else place
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE and _clause(token) == clause


def _clause(token) -> int:
    """The index of the verb heading a token's clause, verbs joined by 'and' counted as one."""
    cur = token
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "conj" or cur.head.i == cur.i:
            return cur.i
        cur = cur.head
    return cur.i


def _month_index(name: str) -> int:
    return _MONTHS.index(name.lower()) + 1


def _readable(q: Quantity, match: re.Match, counted: str, event: str, part: bool, text: str) -> str:
    """'at least 5 people killed', '120 mph (193.12 km/h)', 'age 38', '3 of the shots struck' (`text`: its words)."""
    written = large if counted == "money" else plain
    if q.low is None and q.high is None:
        amount = "?"
    elif q.low == q.high:
        amount = written(q.low)
    elif q.high is None:
        amount = f"at least {written(q.low)}"
    elif q.low is None:
        amount = f"up to {written(q.high)}"
    else:
        amount = f"{written(q.low)}-{written(q.high)}"
    if counted == "age":
        return f"age {amount}"
    if counted == "caliber":
        return f"{match.group('a').strip()} caliber"
    if counted == "tally" and q.against is not None:
        return f"{amount} to {plain(q.against)}"
    if q.unit and q.unit in UNIT_NAMES:
        written = match.group(0).strip()
        return f"{written} ({amount} {UNIT_NAMES[q.unit]})" if q.unit not in ("%",) else f"{amount}%"
    if q.unit:
        return f"{amount} {q.unit}"
    noun = _count_noun(counted, q, text, part)
    return " ".join(p for p in (amount, "of the" if part and noun else "", noun, event) if p)


_CLASSES = frozenset(NOUN_CLASSES.values())


def _count_noun(counted: str, q: Quantity, text: str, part: bool) -> str:
    """What is counted, in the number the count gives it: '1 shot', '194 seats', '2 grandchildren'.

    A class keeps its name ('people', 'shots'), singular for exactly one; a noun's lemma is written as the
    article writes the noun (the mention ends with it) when that form is the lemma's, else left as it is.
    """
    one = q.low == q.high == 1 and not part
    if counted == "people":
        return "person" if one else counted
    if counted in _CLASSES:
        return counted[:-1] if one and counted not in ("police", "troops") else counted
    words = text.split()
    last = words[-1].lower().strip(".,;:!?'’\"") if words else ""
    stem = counted[:-1] if len(counted) > 3 and counted[-1] in "ey" else counted
    return last if not one and counted and last != counted and last.startswith(stem) else counted
