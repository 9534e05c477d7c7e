"""What every extractor shares: its input (`ArticleDoc`) and the registry."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from generator.model import Mention, Source, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


@dataclass(frozen=True)
class ArticleDoc:
    """A source with its parse.

    `doc` was made from `source.text` with everything outside the body and all
    page furniture blanked to spaces (newlines kept), so `token.idx` is an
    offset into `source.text` and nothing outside the article proper is found.
    """

    source: Source
    doc: Doc
    reference_date: date | None  # publication date, or one inferred from the story
    reference_inferred: bool = False

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def ents(self) -> tuple[SpacySpan, ...]:
        return doc_ents(self.doc)

    def ents_within(self, span: SpacySpan) -> list[SpacySpan]:
        return ents_within(span)

    def sentences(self) -> Iterator[SpacySpan]:
        """Sentences with some article text in them (blank furniture is skipped); found once per doc, since
        several extractors walk them."""
        if _SENTENCES not in self.doc.user_data:
            self.doc.user_data[_SENTENCES] = tuple(s for s in self.doc.sents if s.text.strip())
        return iter(self.doc.user_data[_SENTENCES])

    def sentence_span(self, sent: SpacySpan) -> Span:
        """The sentence's character range with surrounding whitespace trimmed."""
        start, end = sent.start_char, sent.end_char
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(start, end)

    def mention(self, kind: str, start: int, end: int, sentence: Span, **fields) -> Mention:
        """A mention in this article: its source and text follow from the offsets, so they always agree."""
        return Mention(
            kind=kind,
            source=self.source.id,
            start=start,
            end=end,
            text=self.text[start:end],
            sentence=sentence,
            **fields,
        )

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding a character offset (whole text if none does)."""
        for sent in self.doc.sents:
            if sent.start_char <= offset < sent.end_char:
                return self.sentence_span(sent)
        return Span(0, len(self.text))


def doc_ents(doc: Doc) -> tuple[SpacySpan, ...]:
    """The parse's entities, made once per doc: spaCy builds `Doc.ents` (and `Span.ents`) afresh on every access."""
    if _ENTS not in doc.user_data:
        ents = tuple(doc.ents)
        doc.user_data[_ENTS] = (ents, [e.start for e in ents])
    return doc.user_data[_ENTS][0]


def ents_within(span: SpacySpan) -> list[SpacySpan]:
    """What `span.ents` gives (the entities wholly inside a span), without rebuilding `Doc.ents`."""
    ents = doc_ents(span.doc)
    out = []
    for ent in ents[bisect_left(span.doc.user_data[_ENTS][1], span.start) :]:
        if ent.end > span.end:
            break
        out.append(ent)
    return out


def entity_at(token) -> SpacySpan | None:
    """The entity a token is part of, if any (the one of `Doc.ents` holding it), found from its IOB tags."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    ents = doc_ents(token.doc)
    i = bisect_right(token.doc.user_data[_ENTS][1], token.i) - 1
    return ents[i] if i >= 0 and ents[i].start <= token.i < ents[i].end else None


_ENTS = "parallax_ents"
_SENTENCES = "parallax_sentences"


@dataclass(frozen=True)
class Extractor:
    name: str
    version: int
    run: Callable[[ArticleDoc], list[Mention]]

    @property
    def tag(self) -> str:
        return f"{self.name}@{self.version}"


_REGISTRY: dict[str, Extractor] = {}


def register(name: str, version: int) -> Callable[[Callable], Callable]:
    """Decorator: add an extractor function to the registry under `name@version`."""

    def wrap(fn: Callable[[ArticleDoc], list[Mention]]) -> Callable:
        _REGISTRY[name] = Extractor(name, version, fn)
        return fn

    return wrap


def registered() -> tuple[Extractor, ...]:
    """All extractors in a fixed order (by name), so output never depends on import order."""
    return tuple(_REGISTRY[name] for name in sorted(_REGISTRY))
