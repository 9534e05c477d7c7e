"""Whom an outlet credits for a sentence: "the Associated Press reported", "according to Fox News", "told AFP".

Shared by every extractor, so a reader sees whether two outlets disagree or
their sources do. Only organisations (news agencies, outlets, institutions)
are credited here; the people quoted are a quote's speaker, not its credit.
"""

from __future__ import annotations

import re

from generator.extract.base import ArticleDoc, doc_ents
from generator.model import Span

_REPORT_VERBS = r"(?:reported|reports|said|says|wrote|writes|cited|quoted|reporting)"
_ORG = r"((?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w&.'’-]*){0,5})"
_PATTERNS = (
    re.compile(r"\baccording to\s+" + _ORG),
    re.compile(_ORG + r"\s+" + _REPORT_VERBS + r"\b"),
    re.compile(r"\b(?:told|tells)\s+" + _ORG),
    re.compile(r"\((" + r"[A-Z][A-Za-z]+" + r")\)\s*[-–—]"),  # "TEL AVIV (Reuters) -"
)


def credited_source(article: ArticleDoc, sentence: Span) -> str | None:
    """The organisation the sentence credits, if spaCy sees one there; else None.

    A name that ends like a person named in the article ("Smith said") is a speaker, not an organisation.
    """
    text = article.text[sentence.start : sentence.end]
    surnames = _person_surnames(article.doc)
    orgs = [org for org in _organisations(article, sentence) if org.split() and org.split()[-1] not in surnames]
    if not orgs:
        return None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            name = _strip_article(match.group(1))
            for org in orgs:
                if org and (name == org or name in org):  # the whole credited name is the organisation's
                    return org
    return None


def _person_surnames(doc) -> frozenset[str]:
    """Last words of the persons the article names, gathered once per article (every sentence asks)."""
    if _SURNAMES not in doc.user_data:
        persons = (ent.text.split() for ent in doc_ents(doc) if ent.label_ == "PERSON")
        doc.user_data[_SURNAMES] = frozenset(words[-1] for words in persons if words)
    return doc.user_data[_SURNAMES]


_SURNAMES = "parallax_person_surnames"


def _organisations(article: ArticleDoc, sentence: Span) -> list[str]:
    span = article.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return []
    return [
        _strip_article(ent.text)
        for ent in article.ents_within(span)
        if ent.label_ in ("ORG", "WORK_OF_ART") or (ent.label_ == "PERSON" and ent.text.isupper())
    ]


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.I).strip(" ,.;:")
