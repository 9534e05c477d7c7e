"""Reported numbers: counts, ages and measures, as intervals in one canonical unit, keyed by what they count.

A number is found by a pattern over the sentence text (qualifier, figure or
number words or a vague amount, unit); the parse then tells what is counted
(the head noun, mapped to a general noun class) and what happened to it (the
governing verb or event noun). Years, dates, clock times, ordinals and ids
are not counts. Sentences about another place or an earlier time than the
story's get that context in their key, so other events' numbers stay apart.
"""

from __future__ import annotations

import re
from decimal import Decimal

from generator.extract.attribution import credited_source
from generator.extract.base import ArticleDoc, register
from generator.model import Mention, Quantity
from generator.units import (
    DIMENSIONS,
    MULTIPLIERS,
    UNIT_NAMES,
    UNIT_PATTERN,
    UNITS,
    VAGUE,
    WORDS,
    approx_bounds,
    convert,
    parse_number,
    plain,
)

_W1 = "|".join(sorted((w for w in WORDS if " " not in w and w not in ("half", "dozen", "zero")), key=len, reverse=True))
_WT = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|dozen))*\b"
_WORDNUM = rf"(?:(?:{_WT})(?:[- ](?:{_W1}))?|{_W1}|a dozen|a pair of|a couple of){_SCALE}"
_DIGITS = r"(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:\s?(?:million|billion|trillion|thousand|bn|m)\b)?"
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
_CUR = r"(?:[$€£]\s?|euro\s?|\ufffd+\s?|\?\s?)"
_NUM = rf"(?:{_CUR}?{_DIGITS}|{_WORDNUM}|half an?)"
_QUAL = (
    r"at least|more than|over|nearly|almost|about|around|roughly|some|approximately|up to|as many as|as much as|"
    r"fewer than|less than|under|an estimated|at most|no more than|close to|a further|another|only|just"
)
_PATTERN = re.compile(
    rf"(?<![\w.,$-])(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:between\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})|(?P<vague>{_VAGUE})\b|(?P<a>{_NUM})(?:\s*(?:-|–|to|-to)\s*(?P<b>{_NUM}))?)"
    rf"(?P<unit>\s*-?\s*(?:{UNIT_PATTERN})(?![\w]))?"
    rf"(?P<age>-year-old|\s+years?\s+old)?"
    rf"(?P<cal>\s*-?\s*(?:calib(?:er|re)|gauge))?",
    re.I,
)
_DIRECTION = re.compile(r"\s*(?:north|south|east|west)(?:-?(?:north|south)?-?(?:east|west))?\s+of\s+", re.I)
_CLOCK = re.compile(r"^\s*(?::\d\d|[ap]\.?m\b|o'clock|GMT|BST)", re.I)
_ID_WORDS = {
    "article",
    "section",
    "chapter",
    "resolution",
    "interstate",
    "route",
    "highway",
    "flight",
    "precinct",
    "no",
    "number",
    "page",
    "room",
    "unit",
    "district",
    "phase",
    "level",
    "category",
    "grade",
    "paragraph",
}

# Head-noun lemma -> counted class: a general lexicon, not tied to any story.
NOUN_CLASSES: dict[str, str] = {
    **dict.fromkeys(
        [
            "people",
            "person",
            "man",
            "woman",
            "child",
            "boy",
            "girl",
            "teen",
            "teenager",
            "adult",
            "worker",
            "employee",
            "victim",
            "civilian",
            "protester",
            "demonstrator",
            "rioter",
            "resident",
            "student",
            "passenger",
            "customer",
            "officer",
            "policeman",
            "firefighter",
            "militiaman",
            "fighter",
            "soldier",
            "contractor",
            "communist",
            "member",
            "staff",
            "bystander",
            "pedestrian",
            "youth",
            "manager",
            "partner",
            "colleague",
            "coworker",
            "co-worker",
            "receptionist",
            "accountant",
            "executive",
            "official",
            "guard",
            "agent",
            "sergeant",
            "other",
            "individual",
            "patient",
            "inmate",
            "prisoner",
            "demonstrator",
            "marcher",
            "supporter",
            "mourner",
            "hostage",
            "survivor",
            "suspect",
        ],
        "people",
    ),
    **dict.fromkeys(["troop", "soldier"], "troops"),
    **dict.fromkeys(["officer", "policeman", "policewoman", "cop", "trooper", "deputy"], "police"),
    **dict.fromkeys(["base", "facility", "installation", "site", "outpost", "camp"], "bases"),
    **dict.fromkeys(["missile", "rocket", "projectile", "drone"], "missiles"),
    **dict.fromkeys(["shot", "round", "bullet"], "shots"),
    **dict.fromkeys(["shell", "cartridge"], "shells"),
    **dict.fromkeys(["arrest"], "people"),
    **dict.fromkeys(["file", "document", "record"], "files"),
    **dict.fromkeys(["page", "sheet"], "pages"),
    **dict.fromkeys(["cd", "disc", "disk", "dvd"], "discs"),
    **dict.fromkeys(["crowd"], "people"),
    **dict.fromkeys(["aftershock", "tremor"], "aftershocks"),
    **dict.fromkeys(["injury"], "people"),
    **dict.fromkeys(["death"], "people"),
}
# Which nouns imply an event when they are themselves the counted thing ("46 arrests", "two deaths").
NOUN_EVENTS = {
    "arrest": "arrested",
    "injury": "injured",
    "death": "killed",
    "crowd": "gathered",
    "march": "gathered",
    "rally": "gathered",
    "demonstration": "gathered",
    "protest": "gathered",
}
EVENTS: dict[str, str] = {
    **dict.fromkeys(["kill", "die", "dead", "death", "murder", "slay", "execute", "fatally"], "killed"),
    **dict.fromkeys(["injure", "wound", "hurt", "injury", "injured", "wounded"], "injured"),
    **dict.fromkeys(["arrest", "detain", "arrested", "detained"], "arrested"),
    **dict.fromkeys(["fire", "launch"], "fired"),
    **dict.fromkeys(["hit", "strike", "target", "attack"], "struck"),
    **dict.fromkeys(["rescue", "evacuate", "save", "usher"], "rescued"),
    **dict.fromkeys(["gather", "march", "rally", "protest", "demonstrate", "attend", "join", "crowd"], "gathered"),
    **dict.fromkeys(["shoot"], "shot"),
    **dict.fromkeys(["seize", "recover", "find"], "found"),
}
_TARGET_PREPS = {"at", "against", "on", "into"}
_AGENT_EVENTS = {"killed", "injured", "arrested", "shot", "fired", "found", "rescued"}
_MEASURE_HEADS = {"depth": "depth", "deep": "depth", "pursuit": "chase", "chase": "chase", "speed": "speed"}


@register("numbers", 6)
def extract(article: ArticleDoc) -> list[Mention]:
    """Every reported amount in the article body, with what it counts and by which event."""
    lead_places = _lead_places(article)
    out: list[Mention] = []
    for sent in article.sentences():
        span = article.sentence_span(sent)
        text = article.text[span.start : span.end]
        context = _context(article, sent, lead_places)
        taken: list[tuple[int, int]] = []
        for match in _PATTERN.finditer(text):
            mention = _mention(article, sent, span, match, context)
            if mention and not any(s < mention.end and mention.start < e for s, e in taken):
                taken.append((mention.start, mention.end))
                out.append(mention)
    return out


def _mention(article: ArticleDoc, sent, span, match: re.Match, context: str) -> Mention | None:
    """One match -> a Mention, or None when it is a year, date, time, ordinal, id or bare figure."""
    start, end = span.start + match.start(), span.start + match.end()
    tokens = [t for t in sent if start <= t.idx < end]
    if not tokens or _not_a_count(article, match, tokens, end):
        return None
    quantity = _quantity(match)
    if quantity is None:
        return None
    age = bool(match.group("age")) or _appositive_age(tokens, quantity)
    anchor = tokens[-1]
    sent_text = article.text[span.start : span.end]
    if not age and _is_magnitude(match, sent_text):
        counted, event = "magnitude", ""
        key = "magnitude|aftershock" if re.search(r"aftershock", sent_text, re.I) else "magnitude"
        quantity = Quantity(quantity.low, quantity.high, None, "magnitude", "", quantity.approximate)
    elif age:
        counted, event, who = "age", "", _person(article, sent, anchor)
        quantity = Quantity(quantity.low, quantity.high, "years", "age", "", quantity.approximate)
        key = f"age|{who}"
    elif match.group("cal"):
        counted, event = "caliber", ""
        key = "gauge" if "gauge" in match.group("cal").lower() else "caliber"
        quantity = Quantity(quantity.low, quantity.high, None, "caliber", "", False)
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
        if not subject and counted in ("area", "money") and nxt is not None and nxt.pos_ == "NOUN":
            subject = nxt.lemma_.lower()
        if not subject and counted == "percent":
            subject = _verb_subject(anchor)
        unit_key = quantity.unit if counted == "money" else counted
        key = "|".join(p for p in (unit_key, subject, event if counted != "money" else "") if p)
        quantity = Quantity(quantity.low, quantity.high, quantity.unit, counted, event, quantity.approximate)
    else:
        counted, event, end = _counted(sent, anchor, tokens, end)
        if not counted and not event:
            return None
        key = "magnitude" if counted == "magnitude" else "|".join((counted, event))
        quantity = Quantity(quantity.low, quantity.high, None, counted, event, quantity.approximate)
    if context.startswith("@") and counted not in ("age", "caliber", "magnitude"):
        key = f"{key}|{context[1:]}"
    elif context and not quantity.unit and counted not in ("age", "caliber", "magnitude"):
        key = f"{key}|{context}"
    return article.mention(
        "number",
        start,
        end,
        span,
        value=_readable(quantity, match, counted, event),
        key=key,
        attributed_to=credited_source(article, span),
        quantity=quantity,
    )


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
    if any(t.ent_type_ in ("DATE", "TIME") for t in tokens) and not match.group("unit"):
        return not (match.group("a") and parse_number(raw) and parse_number(raw) >= 100 and "," in raw)
    before = tokens[0].nbor(-1) if tokens[0].i > 0 else None
    if before is not None and before.lemma_.lower().strip(".") in _ID_WORDS:
        return True
    return (
        before is not None and before.text[:1].isupper() and before.pos_ == "PROPN" and bool(re.fullmatch(r"\d+", raw))
    )


def _quantity(match: re.Match) -> Quantity | None:
    """The interval the words allow: qualifiers open or widen it; ranges and vague amounts bound it."""
    unit = _unit(match)
    if match.group("vague"):
        lo, hi = VAGUE[match.group("vague").lower()]
        low, high = (Decimal(lo) if lo is not None else None), (Decimal(hi) if hi is not None else None)
        approx = True
    else:
        first = match.group("lo") or match.group("a")
        second = match.group("hi") or match.group("b")
        low = _value(first)
        high = _value(second) if second else low
        if low is None or high is None:
            return None
        approx = False
    low, high, approx = _qualified((match.group("qual") or "").lower(), low, high, approx)
    if unit:
        low, canonical = convert(low, unit)
        high, _ = convert(high, unit)
        unit = canonical
    elif _currency(match):
        unit = _currency(match)
    return Quantity(low, high, unit, approximate=approx)


def _value(text: str | None) -> Decimal | None:
    if not text:
        return None
    cleaned = re.sub(rf"^{_CUR}", "", text.strip(), flags=re.I)
    if cleaned.lower() in ("a pair of", "a couple of"):
        return Decimal(2)
    if cleaned.lower().startswith("a dozen"):
        return Decimal(12)
    words = cleaned.lower().split()
    if words and words[-1] in ("dozen",) and len(words) > 1:
        base = parse_number(" ".join(words[:-1]))
        return None if base is None else base * MULTIPLIERS["dozen"]
    return parse_number(cleaned)


def _qualified(qual: str, low, high, approx: bool):
    """'at least 5' -> [5, None]; 'about 30' -> [27, 33]; 'nearly 24' -> [~21.6, 24]."""
    if qual in ("at least", "more than", "over"):
        return low, None, True
    if qual in ("up to", "as many as", "as much as", "fewer than", "less than", "under", "at most", "no more than"):
        return None, high, True
    if qual in ("nearly", "almost", "close to"):
        return approx_bounds(high)[0], high, True
    if qual in ("about", "around", "roughly", "some", "approximately", "an estimated") or approx:
        if low == high and low is not None and not approx:
            return *approx_bounds(low), True
        return low, high, True
    return low, high, False


def _unit(match: re.Match) -> str | None:
    raw = match.group("unit")
    if not raw:
        return None
    word = re.sub(r"[\s-]+", " ", raw.strip(" -").lower())
    return word if word in UNITS else None


def _currency(match: re.Match) -> str | None:
    raw = (match.group("a") or match.group("lo") or "").strip().lower()
    for sign, code in (("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("euro", "EUR")):
        if raw.startswith(sign):
            return code
    return None


def _is_magnitude(match: re.Match, sent_text: str) -> bool:
    """A bare decimal like 4.6 in a sentence about an earthquake is its magnitude."""
    raw = (match.group("a") or "").strip()
    if match.group("unit") or match.group("b") or not re.fullmatch(r"\d\.\d", raw):
        return False
    return bool(re.search(r"\b(?:earthquake|quake|temblor|aftershock|tremor|magnitude|richter)", sent_text, re.I))


def _appositive_age(tokens, quantity: Quantity) -> bool:
    """'Anthony X, 38,' : a bare number set off by commas right after a person's name is an age."""
    first, last = tokens[0], tokens[-1]
    if len(tokens) != 1 or quantity.low is None or not (1 <= quantity.low <= 110) or quantity.low != quantity.high:
        return False
    doc = first.doc
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    before_name = doc[first.i - 2] if first.i > 1 else None
    if prev is None or prev.text != "," or before_name is None:
        return False
    named = before_name.ent_type_ == "PERSON" or (before_name.pos_ == "PROPN" and before_name.text[:1].isupper())
    return named and (nxt is None or nxt.text in (",", ".", ";", "and", "-", "--", "—", ")"))


def _person(article: ArticleDoc, sent, anchor) -> str:
    """The surname of the person an age belongs to: the adjacent name, else the nearest named before."""
    doc = article.doc
    window = [e for e in sent.ents if e.label_ == "PERSON" and -8 <= e.start - anchor.i <= 4]
    if window:
        return _surname(min(window, key=lambda e: abs(e.start - anchor.i)).text)
    head = anchor.head
    while head.dep_ in ("amod", "compound", "npadvmod") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
        return _surname(head.head.text)
    if head.pos_ in ("NOUN", "PROPN") and head.ent_type_ != "PERSON" and head.lemma_.lower() not in ("old", "year"):
        return f"{head.lemma_.lower()}@{article.source.id}:{anchor.idx}"
    earlier = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= anchor.i]
    return _surname(earlier[-1].text) if earlier else f"?@{article.source.id}:{anchor.idx}"


def _surname(name: str) -> str:
    parts = [
        p
        for p in re.split(r"[\s,]+", name.strip())
        if p and p.strip(".").lower() not in ("jr", "sr", "ii", "iii", "iv")
    ]
    return parts[-1].lower() if parts else name.lower()


def _counted(sent, anchor, tokens, end: int):
    """(class, event, new end) for a plain count: the head noun's class and the event that befell it."""
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
            noun, part = pobj[0], True
    if noun is not None and noun.lemma_.lower() in ("magnitude",):
        return "magnitude", "", end
    if noun is not None and noun.i - tokens[-1].i <= 5:
        end = max(end, noun.idx + len(noun.text))
    lemma = _lemma(noun) if noun is not None else ""
    counted = NOUN_CLASSES.get(lemma, lemma)
    _, event = _head_and_event(noun if noun is not None else anchor)
    event = event or NOUN_EVENTS.get(lemma, "")
    if noun is None and event in ("killed", "injured") and anchor.dep_ in ("dobj", "nsubjpass", "nsubj"):
        counted = "people"
    if not counted and anchor.dep_ not in ("nsubj", "dobj", "nsubjpass", "pobj"):
        return "", "", end
    if re.fullmatch(r"\W*", lemma or "x"):
        counted = ""
    return counted, event + ("|part" if part and counted else ""), end


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
        if head.pos_ in ("VERB", "NOUN", "ADJ") and lemma in EVENTS:
            event = _strongest(head, EVENTS[lemma])
            if event in ("fired", "struck") and via_prep in _TARGET_PREPS:
                event = "struck"
            elif cur.dep_ == "nsubj" and event in _AGENT_EVENTS:
                event = ""
            return noun, event
        if head.pos_ in ("VERB", "AUX"):
            return noun, _event_in_children(head, noun)
        cur = head
    return noun, ""


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


def _event_in_children(verb, noun) -> str:
    """A neutral verb ('put the march at 30,000') takes its event from an event noun it governs or a modifier."""
    for child in list(verb.children) + (list(noun.children) if noun is not None else []):
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "amod") and child.lemma_.lower() in EVENTS:
            return EVENTS[child.lemma_.lower()]
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
        for e in sent.ents:
            if e.label_ in ("GPE", "LOC", "FAC", "NORP"):
                name = e.text.lower()
                seen[name] = seen.get(name, 0) + 1
                if i < 6:
                    lead.add(name)
    return lead | {name for name, n in seen.items() if n > 1}


def _context(article: ArticleDoc, sent, lead_places: set[str]) -> str:
    """An earlier time ('@...', applies to all) or another place (counts only) that sets a sentence apart."""
    ref = article.reference_date
    for e in sent.ents:
        if e.label_ == "DATE" and ref is not None:
            years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", e.text)]
            if years and max(years) < ref.year:
                return "@" + e.text.lower()
            month = re.search(
                r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b", e.text
            )
            if month and not years and _month_index(month.group(1)) > ref.month:
                return "@" + e.text.lower()
            if month and not years and _month_index(month.group(1)) < ref.month - 1:
                return "@" + e.text.lower()
            if re.search(r"\b(?:last|previous) (?:year|month)\b|\byears? ago\b|\bmonths? ago\b", e.text, re.I):
                return "@" + e.text.lower()
    others = [e.text.lower() for e in sent.ents if e.label_ in ("GPE", "LOC") and e.text.lower() not in lead_places]
    return sorted(others)[0] if others else ""


def _month_index(name: str) -> int:
    return [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ].index(name.lower()) + 1


def _readable(q: Quantity, match: re.Match, counted: str, event: str) -> str:
    """'at least 5 people killed', '120 mph (193.12 km/h)', 'age 38'."""
    if q.low is None and q.high is None:
        amount = "?"
    elif q.low == q.high:
        amount = plain(q.low)
    elif q.high is None:
        amount = f"at least {plain(q.low)}"
    elif q.low is None:
        amount = f"up to {plain(q.high)}"
    else:
        amount = f"{plain(q.low)}-{plain(q.high)}"
    if counted == "age":
        return f"age {amount}"
    if counted == "caliber":
        return f"{match.group('a').strip()} caliber"
    if q.unit and q.unit in UNIT_NAMES:
        written = match.group(0).strip()
        return f"{written} ({amount} {UNIT_NAMES[q.unit]})" if q.unit not in ("%",) else f"{amount}%"
    if q.unit:
        return f"{amount} {q.unit}"
    return " ".join(p for p in (amount, counted, event) if p)
