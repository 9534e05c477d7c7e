"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from generator.extract import ArticleDoc
from generator.model import Source, Span

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def make_source(
    text: str, source_id: str = "a", published: date | None = None, furniture: tuple[Span, ...] = ()
) -> Source:
    return Source(
        id=source_id,
        path=f"{source_id}.txt",
        story="s",
        outlet=source_id,
        title=source_id,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        body=Span(0, len(text)),
        published=published,
        furniture=furniture,
    )


@pytest.fixture(scope="session")
def article():
    """Build an ArticleDoc from raw text: article("Text.", published=date(2020, 1, 8))."""
    from generator import nlp

    def make(text: str, source_id: str = "a", published: date | None = None) -> ArticleDoc:
        source = make_source(text, source_id, published)
        doc = nlp.parse([source])[source.id]
        return ArticleDoc(source, doc, published, False)

    return make
