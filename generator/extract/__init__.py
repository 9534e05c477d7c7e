"""Fact extractors: one pure function per kind of fact, registered by name and version.

Each extractor takes an `ArticleDoc` (a source and its spaCy parse) and returns
`Mention`s whose offsets point into the source text. The registry is what the
pipeline runs and what the cache keys on, so bump an extractor's `version`
whenever its output can change. Every module of this package is imported (its
imports register its extractor, kind and aligner), then every module that another
installed package names as a `parallax.kinds` entry point.
"""

from __future__ import annotations

import importlib
import pkgutil

from generator.extract.base import ArticleDoc, Extractor, register, registered
from generator.kinds import load_plugins

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    importlib.import_module(f"{__name__}.{_module.name}")
load_plugins()

__all__ = ["ArticleDoc", "Extractor", "register", "registered"]
