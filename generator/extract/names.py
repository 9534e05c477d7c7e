"""Names of people, organisations and places, from spaCy's entities with the usual slips repaired.

Spans are trimmed of a leading "the", possessive "'s" and titles ("Foreign
Minister", "Maj. Gen."); the title is kept in `words` for readers. Within one
article a short form ("Ruiz", "Mr. Smith") takes the article's full
form as its value, while `text` stays the span as written.

Street addresses, which the small model rarely tags, are found by pattern
("12 W. 4th St.", "Elm Avenue"); their value is the street spelled out
("West 4th Street"), without the house number, so abbreviations compare equal.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from generator.entities import HONORIFICS, TITLE_WORDS, fold, generation, name_tokens
from generator.extract.attribution import credited_source
from generator.extract.base import ArticleDoc, register
from generator.kinds import FactKind, register_kind
from generator.model import Mention, Span

_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_BYLINE = re.compile(r"(?:^|\n)[ \t]*(?:by|written by|reporting by|photo|credit|image)\s*:?\s*$", re.I)
_DATELINE_AFTER = re.compile(r"^[^\n]{0,40}?\([A-Z][\w .&-]*\)\s*[-–—]")
_JOINERS = {"of", "the", "for"}
_LOCATIVE = {
    "near",
    "outside",
    "at",
    "on",
    "off",
    "inside",
    "beside",
    "behind",
    "opposite",
    "along",
    "across",
    "nearby",
}
_PLACE_ONLY = {"at", "on", "off", "along", "across"}
_DIRECTION = re.compile(r"^(?:north|south|east|west)(?:-?(?:north|south|east|west))*(?:ward|wards|ern)?$")
_NEARNESS = {"close", "next", "mile", "kilometre", "kilometer", "km", "block", "yard", "metre", "meter", "foot"}
_NOT_NAMES = {"ADP", "VERB", "ADV", "SCONJ", "CCONJ", "PRON", "DET", "AUX"}
_STREET_TYPES = {
    "street": "Street",
    "st": "Street",
    "avenue": "Avenue",
    "ave": "Avenue",
    "av": "Avenue",
    "road": "Road",
    "rd": "Road",
    "boulevard": "Boulevard",
    "blvd": "Boulevard",
    "drive": "Drive",
    "parkway": "Parkway",
    "pkwy": "Parkway",
}
_PLURAL_STREET_TYPES = {"streets": "Street", "sts": "Street", "avenues": "Avenue", "aves": "Avenue", "roads": "Road"}
_DIRECTIONS = {"n": "North", "s": "South", "e": "East", "w": "West"}
_FULL_TYPE_WORDS = {"street", "avenue", "road", "boulevard", "drive", "parkway", "streets", "avenues", "roads"}
_WORD = r"[A-Z][\w'’-]*"
_STREET = re.compile(
    rf"(?:\b(?P<number>\d{{1,5}}[A-Za-z]?)[ \t]+)?"
    rf"(?:\b(?P<direction>[NSEW]|North|South|East|West)\.?[ \t]+(?=\d))?"
    rf"(?:(?P<other>{_WORD}(?:[ \t]+{_WORD})?)[ \t]+(?:and|&)[ \t]+)?"
    rf"(?P<name>\b\d+(?:st|nd|rd|th)|{_WORD}(?:[ \t]+{_WORD}){{0,3}})"
    rf"[ \t]+(?P<type>(?i:{'|'.join(sorted(_STREET_TYPES | _PLURAL_STREET_TYPES, key=len, reverse=True))}))\b"
    r"(?P<dot>\.)?"
)
_SHARED_COUNTY = re.compile(
    rf"\b(?P<first>{_WORD}(?:[ \t]+{_WORD})?)[ \t]+(?:and|&)[ \t]+(?P<second>{_WORD}(?:[ \t]+{_WORD})?)[ \t]+counties\b"
)


@dataclass(frozen=True)
class _Ent:
    """A trimmed entity occurrence: character span, category, title words in front."""

    start: int
    end: int
    category: str  # person | org | place
    title: str
    sent: Span
    value: str = ""  # a normalised value when the written form is not one (streets, counties)

    def tokens(self, text: str) -> tuple[str, ...]:
        return name_tokens(text[self.start : self.end])


register_kind(FactKind("name", "Name", "Names", weight=4))
register_kind(FactKind("place", "Place", "Places", weight=4))


@register("names", 11)
def extract(article: ArticleDoc) -> list[Mention]:
    """The first occurrence of each written form of a name or place, valued with the article's fullest form."""
    tagged = [e for e in (_trim(article, ent) for ent in article.ents) if e]
    by_pattern = [p for p in _streets(article) + _counties(article) if not any(_runs_past(e, p) for e in tagged)]
    ents = [e for e in tagged if not _overlaps(e, by_pattern)]
    ents = sorted(_relabel(article.text, ents) + by_pattern, key=lambda e: (e.start, e.end))
    full = _full_forms(article.text, ents)
    credits: dict[Span, str | None] = {}
    seen: set[tuple[str, str]] = set()
    values = [
        e.value
        or (
            _display(article.text[e.start : e.end])
            if e.category != "person"
            else full.get(e.start, _display(article.text[e.start : e.end]))
        )
        for e in ents
    ]
    uses: dict[str, set[str]] = {}
    for e, value in zip(ents, values, strict=True):
        uses.setdefault(value, set()).update(_uses(article, e))
    out = []
    for e, value in zip(ents, values, strict=True):
        text = article.text[e.start : e.end]
        if (value, fold(text)) in seen:
            continue  # each way of writing a name once per article: enough to compare, and readable
        seen.add((value, fold(text)))
        if e.sent not in credits:
            credits[e.sent] = credited_source(article, e.sent)
        out.append(
            article.mention(
                "place" if e.category == "place" else "name",
                e.start,
                e.end,
                e.sent,
                value=value,
                key=("org:" + value) if e.category == "org" else value,
                attributed_to=credits[e.sent],
                words=(e.title,) if e.title else (),
                uses=tuple(sorted(uses[value])),
                category="" if e.category == "place" else e.category,
            )
        )
    return out


def _uses(article: ArticleDoc, e: _Ent) -> set[str]:
    """How this occurrence is used, from the parse: 'located' or 'described' (see Mention.uses)."""
    span = article.doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return set()
    root = span.root
    found = set()
    if e.category != "person" and _locates(root, e.category == "place"):
        found.add("located")
    if e.category == "org" and _qualified(span):
        found.add("qualified")
    if e.category == "person":
        roles = _roles(root)
        if roles or (e.title and fold(e.title) not in HONORIFICS):
            found.add("described")
        found.update(f"role:{lemma}" for lemma in roles if lemma != "#")
        office = _office(span)
        if office:
            found.add(f"office:{office}")
    return found


def _office(span) -> str:
    """The office written in front of a name with its qualifiers: 'U.S. District Judge' of 'U.S. District Judge X'.

    The words before the name that modify it or each other (compounds, adjectives) up to a title word.
    """
    doc = span.doc
    i = span.start - 1
    first = None
    while i >= 0 and "\n" not in doc[i].text_with_ws and doc[i].dep_ in ("compound", "amod", "nmod", "nummod"):
        if not span.start <= doc[i].head.i < span.end and not i < doc[i].head.i < span.start:
            break
        first = i
        i -= 1
    if first is None:
        return ""
    written = " ".join(doc[first : span.start].text.split())
    words = fold(written).split()
    return written if words and words[-1] in TITLE_WORDS else ""


def _locates(root, place: bool) -> bool:
    """The name says where something is: 'near Clearlake', 'outside the airport', '3 miles southwest of Cobb'.

    'in' is left out: 'in Iran', 'in the Middle East' set a scene rather than place a happening. For an
    organisation 'at' and 'on' say where someone works or what something runs on, so only nearness counts.
    """
    while root.dep_ in ("compound", "amod", "nummod", "nmod", "conj") and root.head is not root:
        root = root.head  # "near the geothermal plant", "at 5th Avenue and 42nd Street": the phrase's head
    head = root.head
    if root.dep_ != "pobj" or head.pos_ != "ADP":
        return False
    prep = head.lower_
    if prep in _LOCATIVE and (place or prep not in _PLACE_ONLY):
        return True
    above = head.head
    return prep in ("of", "to", "from") and (_DIRECTION.match(above.lower_) is not None or above.lemma_ in _NEARNESS)


def _qualified(span) -> bool:
    """A thing given a number in its own phrase: 'a gray 2013 Toyota Camry', 'a 12-gauge shotgun'."""
    head = span.root
    while head.dep_ in ("compound", "nmod") and head.head is not head:
        head = head.head
    return any(child.pos_ == "NUM" and not span.start <= child.i < span.end for child in head.children)


def _roles(root) -> set[str]:
    """What the article calls a person beside the name: an apposition, a noun, an age or a possessor in front.

    Common nouns give their lemma ('nephew', 'adviser'); an age or a possessor counts as a description ('#').
    """
    words = [root.head] if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") else []
    words += [
        child
        for child in root.children
        if child.dep_ in ("appos", "poss", "compound", "amod", "nummod")
        and child.pos_ in ("NOUN", "NUM", "PROPN", "ADJ")
        and child.ent_type_ != "PERSON"
    ]
    return {w.lemma_.lower() if w.pos_ == "NOUN" else "#" for w in words}


def _streets(article: ArticleDoc) -> list[_Ent]:
    """Street names by pattern, each valued as the street spelled out (no house number, no abbreviations)."""
    out = []
    for match in _STREET.finditer(article.doc.text):
        written_type = match["type"].lower()
        full_type = _PLURAL_STREET_TYPES.get(written_type) or _STREET_TYPES[written_type]
        name_start = _street_name_start(article, match, full_type)
        if name_start is None:
            continue
        name = _display(article.doc.text[name_start : match.end("name")])
        direction = match["direction"] or ""
        direction = _DIRECTIONS.get(direction.lower(), direction.capitalize()) + " " if direction else ""
        start = match.start("direction") if direction else name_start
        if match["number"] and not match["other"] and name_start == match.start("name"):
            start = match.start("number")  # "473 East 52nd Street": the address as written
        sent = article.sentence_at(name_start)
        if written_type in _PLURAL_STREET_TYPES and match["other"]:
            other = f"{match['other']} {full_type}"  # "Elm and Oak Aves.": both are avenues
            out.append(_Ent(match.start("other"), match.end("other"), "place", "", sent, other))
        end = match.end("dot") if match["dot"] and written_type not in _FULL_TYPE_WORDS else match.end("type")
        out.append(_Ent(start, end, "place", "", sent, f"{direction}{name} {full_type}"))
    return out


def _counties(article: ArticleDoc) -> list[_Ent]:
    """'Elm and Oak counties': two counties, each valued with its full name ('Elm County')."""
    out = []
    for match in _SHARED_COUNTY.finditer(article.doc.text):
        names = [article.doc.char_span(match.start(g), match.end(g), "expand") for g in ("first", "second")]
        if all(name is not None and all(tok.pos_ == "PROPN" for tok in name) for name in names):
            sent = article.sentence_at(match.start())
            out += [_Ent(name.start_char, name.end_char, "place", "", sent, f"{name.text} County") for name in names]
    return out


def _street_name_start(article: ArticleDoc, match: re.Match, full_type: str) -> int | None:
    """Where the street's name starts: an ordinal, or the proper nouns before a capitalised type; None if no street.

    A lower-case type needs an ordinal ("a Brooklyn street" names no street), and "St." before a capital may be
    "Saint".
    """
    if match["name"][0].isdigit():
        return match.start("name")
    if not match["type"][0].isupper():
        return None
    after = article.doc.text[match.end() :].lstrip(" \t")
    if full_type == "Street" and match["type"].lower() == "st" and after[:1].isupper():
        return None
    tokens = list(article.doc.char_span(match.start("name"), match.end("name"), "expand") or ())
    while tokens and tokens[0].pos_ != "PROPN":
        tokens.pop(0)  # "In Elm Avenue": a capitalised opening word is not part of the name
    if not tokens or any(tok.pos_ != "PROPN" for tok in tokens):
        return None
    return tokens[0].idx


def _runs_past(ent: _Ent, street: _Ent) -> bool:
    """A tagged name holding the street and going on ('Elm Street Journal') names something else."""
    return ent.start <= street.start and ent.end > street.end


def _overlaps(ent: _Ent, others: list[_Ent]) -> bool:
    return any(ent.start < o.end and o.start < ent.end for o in others)


def _display(text: str) -> str:
    return " ".join(text.split())


def _trim(article: ArticleDoc, ent) -> _Ent | None:
    """Cut an entity to the name proper; None for non-names (bare titles, title phrases, bylines)."""
    category = _LABELS.get(ent.label_)
    if category is None:
        return None
    toks = _name_tokens(list(ent))
    if not toks:
        return None
    lead = []
    while len(toks) > 1 and _is_title(toks[0]) and toks[1].text[:1].isupper():
        lead.append(toks.pop(0))
    if all(_is_title(t) for t in toks) or _is_title(toks[-1]) or not any(t.text[:1].isupper() for t in toks):
        return None
    if len(toks) == 1 and toks[0].pos_ in _NOT_NAMES:
        return None  # "Notwithstanding," "Mounting pressure": a capitalised opening word, not a place
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    if _in_byline_or_dateline(article.text, start, end):
        return None
    title = _title_before(article, toks[0].i, lead) if category == "person" else ""
    return _Ent(start, end, category, title, article.sentence_span(toks[0].sent))


def _name_tokens(toks: list) -> list:
    """Drop a possessive and what follows, anything past a line break, a leading 'the', edge punctuation."""
    kept = []
    for tok in toks:
        if tok.text in _POSSESSIVE or tok.is_space:
            break
        kept.append(tok)
        if "\n" in tok.whitespace_:
            break
    while kept and kept[0].lower_ == "the":
        kept.pop(0)
    while kept and kept[-1].is_punct:
        kept.pop()
    while kept and kept[0].is_punct:
        kept.pop(0)
    return kept


def _is_title(tok) -> bool:
    return fold(tok.text) in TITLE_WORDS


def _title_before(article: ArticleDoc, first: int, lead: list) -> str:
    """The title written in front of a person's name ('Foreign Minister', 'Maj. Gen.'), absorbed or not."""
    doc = article.doc
    found = [t.i for t in lead]
    i = first - len(lead) - 1
    while i >= 0 and "\n" not in doc[i].text + doc[i].whitespace_:
        tok = doc[i]
        linking = tok.lower_ in _JOINERS | {"."} and i > 0 and _is_title(doc[i - 1])
        if not (_is_title(tok) or linking or tok.is_space):
            break
        if not tok.is_space:
            found.append(i)
        i -= 1
    while found and doc[min(found)].lower_ in _JOINERS | {"."}:
        found.remove(min(found))
    if not found:
        return ""
    last = doc[max(found)]
    return _display(article.text[doc[min(found)].idx : last.idx + len(last.text)])


def _in_byline_or_dateline(text: str, start: int, end: int) -> bool:
    """'By Jane Doe' lines and 'TEHRAN (Reuters) -' openings name the writer and desk, not the story."""
    line_start = text.rfind("\n", 0, start) + 1
    if _BYLINE.search(text[max(0, start - 40) : start]):
        return True
    if text[line_start:start].strip():
        return False
    return bool(_DATELINE_AFTER.match(text[start : end + 60])) or (
        text[start:end].isupper() and re.match(r"\s*[,—–-]", text[end : end + 3]) is not None
    )


def _relabel(text: str, ents: list[_Ent]) -> list[_Ent]:
    """Repair spaCy's person/organisation labels with the article's own evidence.

    A one-word 'organisation' or 'place' that is the surname of a person named
    in full here is that person ("Trump said" tagged ORG). Otherwise a name the
    article tags both ways takes the label it gets most often, a title in front
    counting as a vote for a person.
    """
    people = [e.tokens(text) for e in ents if e.category == "person" and len(e.tokens(text)) > 1]
    surnames = {t[-1] for t in people} | {" ".join(t) for t in people}
    votes: dict[str, Counter] = {}
    for e in ents:
        if e.category in ("person", "org"):
            weight = 2 if e.title else 1
            votes.setdefault(" ".join(e.tokens(text)), Counter())[e.category] += weight
    out = []
    for e in ents:
        joined = " ".join(e.tokens(text))
        if joined in surnames:
            e = replace(e, category="person")
        elif e.category in ("person", "org") and joined in votes:
            tally = votes[joined]
            winner = "person" if tally["person"] > tally["org"] else "org"
            e = replace(e, category=winner, title=e.title if winner == "person" else "")
        out.append(e)
    return out


def _full_forms(text: str, ents: list[_Ent]) -> dict[int, str]:
    """Value for each person occurrence (by start): the article's fullest form it is a short form of.

    An article that writes both "Donald Trump" and "Donald Trump Jr." names two people: each full form keeps
    its own value, "Donald Jr." is the one with the suffix and a bare "Trump" the one without (as news style
    names the son "Trump Jr." or "Donald Jr.")."""
    forms: dict[tuple[str, ...], str] = {}
    generations: dict[tuple[str, tuple[str, ...]], str] = {}  # (suffix or "", name words) -> fullest written form
    for e in ents:
        toks = e.tokens(text)
        written = _display(text[e.start : e.end])
        if e.category == "person" and toks:
            if len(fold(written)) > len(fold(forms.get(toks, ""))):
                forms[toks] = written  # "John Smith III" over "John Smith"
            key = (generation(written), toks)
            if len(fold(written)) > len(fold(generations.get(key, ""))):
                generations[key] = written
    two_people = {toks for gen, toks in generations if gen and len(toks) > 1 and ("", toks) in generations}
    out = {}
    for e in ents:
        if e.category == "person":
            toks = e.tokens(text)
            written = _display(text[e.start : e.end])
            best = _expand(toks, list(forms))
            if best in two_people:
                out[e.start] = generations.get((generation(written), best), written)
            else:
                out[e.start] = forms[best] if best else written
    return out


def _expand(toks: tuple[str, ...], forms: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The longest form `toks` is part of (same surname, its other words in order) when that is unambiguous."""
    longer = [f for f in forms if len(f) > len(toks) and f[-1] == toks[-1] and _subsequence(toks[:-1], f[:-1])]
    if not longer and len(toks) == 1:
        longer = [
            f for f in forms if len(f) > 1 and f[0] == toks[0] and not any(g[-1] == toks[0] for g in forms if g != toks)
        ]
    if not longer:
        return toks if toks in forms else None
    top = max(longer, key=lambda f: (len(f), f))
    if all(_subsequence(f, top) for f in longer):
        return top
    return toks if toks in forms else None


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(any(tok == other for other in it) for tok in short)
