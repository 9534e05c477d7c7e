"""Fact extractors: one pure function per kind of fact, registered by name and version.

Each extractor takes an `ArticleDoc` (a source and its spaCy parse) and returns
`Mention`s whose offsets point into the source text. The registry is what the
pipeline runs and what the cache keys on, so bump an extractor's `version`
whenever its output can change.
"""

from __future__ import annotations

# Importing the modules registers their extractors.
from generator.extract import claims, dates, names, numbers, quotes  # noqa: E402,F401
from generator.extract.base import ArticleDoc, Extractor, register, registered

__all__ = ["ArticleDoc", "Extractor", "register", "registered"]
