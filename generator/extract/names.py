"""Names of people, organisations and places, from spaCy's entities with the usual slips repaired.

Spans are trimmed of a leading "the", possessive "'s" and titles ("Foreign
Minister", "Maj. Gen."); the title is kept in `words` for readers. Within one
article a short form ("Ruiz", "Mr. Smith") takes the article's full
form as its value, while `text` stays the span as written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from generator.entities import TITLE_WORDS, fold, name_tokens
from generator.extract.attribution import credited_source
from generator.extract.base import ArticleDoc, register
from generator.model import Mention, Span

_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_BYLINE = re.compile(r"(?:^|\n)[ \t]*(?:by|written by|reporting by|photo|credit|image)\s*:?\s*$", re.I)
_DATELINE_AFTER = re.compile(r"^[^\n]{0,40}?\([A-Z][\w .&-]*\)\s*[-–—]")
_JOINERS = {"of", "the", "for"}
_NOT_NAMES = {"ADP", "VERB", "ADV", "SCONJ", "CCONJ", "PRON", "DET", "AUX"}


@dataclass(frozen=True)
class _Ent:
    """A trimmed entity occurrence: character span, category, title words in front."""

    start: int
    end: int
    category: str  # person | org | place
    title: str
    sent: Span

    def tokens(self, text: str) -> tuple[str, ...]:
        return name_tokens(text[self.start : self.end])


@register("names", 4)
def extract(article: ArticleDoc) -> list[Mention]:
    """The first occurrence of each written form of a name or place, valued with the article's fullest form."""
    ents = _relabel(article.text, [e for e in (_trim(article, ent) for ent in article.doc.ents) if e])
    full = _full_forms(article.text, ents)
    credits: dict[Span, str | None] = {}
    seen: set[tuple[str, str]] = set()
    out = []
    for e in ents:
        text = article.text[e.start : e.end]
        value = _display(text) if e.category != "person" else full.get(e.start, _display(text))
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
            )
        )
    return out


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
    """Value for each person occurrence (by start): the article's fullest form it is a short form of."""
    forms: dict[tuple[str, ...], str] = {}
    for e in ents:
        toks = e.tokens(text)
        written = _display(text[e.start : e.end])
        if e.category == "person" and toks and len(fold(written)) > len(fold(forms.get(toks, ""))):
            forms[toks] = written  # "John Smith III" over "John Smith"
    out = {}
    for e in ents:
        if e.category == "person":
            toks = e.tokens(text)
            best = _expand(toks, list(forms))
            out[e.start] = forms[best] if best else _display(text[e.start : e.end])
    return out


def _expand(toks: tuple[str, ...], forms: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The longest form `toks` is part of (same surname, its other words in order) when that is unambiguous."""
    longer = [f for f in forms if len(f) > len(toks) and f[-1] == toks[-1] and _subsequence(toks[:-1], f[:-1])]
    if not longer and len(toks) == 1:
        longer = [f for f in forms if len(f) > 1 and f[0] == toks[0] and not any(g[-1] == toks[0] for g in forms)]
    if not longer:
        return toks if toks in forms else None
    top = max(longer, key=lambda f: (len(f), f))
    if all(_subsequence(f, top) for f in longer):
        return top
    return toks if toks in forms else None


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(any(tok == other for other in it) for tok in short)
