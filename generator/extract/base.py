"""What every extractor shares: its input (`ArticleDoc`) and the registry."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
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

    @cached_property
    def ents(self) -> tuple[SpacySpan, ...]:
        """The parse's entities, made once: spaCy builds `Doc.ents` afresh on every access."""
        return tuple(self.doc.ents)

    @cached_property
    def _ent_starts(self) -> list[int]:
        return [e.start for e in self.ents]

    def ents_within(self, span: SpacySpan) -> list[SpacySpan]:
        """What `span.ents` gives (the entities wholly inside a span of this doc), without rebuilding `Doc.ents`."""
        out = []
        for ent in self.ents[bisect_left(self._ent_starts, span.start) :]:
            if ent.end > span.end:
                break
            out.append(ent)
        return out

    def sentences(self) -> Iterator[SpacySpan]:
        """Sentences with some article text in them (blank furniture is skipped)."""
        for sent in self.doc.sents:
            if sent.text.strip():
                yield sent

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
