"""spaCy's English stop words, without importing spaCy.

Naming, labels and the quote aligner need only this word set, and a warm build
never parses: importing the `spacy` package for it would cost most of a second
on every build. The set is spaCy's own file, run on its own (it imports nothing);
if spaCy's layout ever moves it, the ordinary import serves.
"""

from __future__ import annotations

import importlib.util
import runpy
from pathlib import Path


def _english_stop_words() -> frozenset[str]:
    spec = importlib.util.find_spec("spacy")  # finds the package without running its __init__
    if spec is not None and spec.origin is not None:
        words = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
        try:
            return frozenset(runpy.run_path(str(words))["STOP_WORDS"])
        except (OSError, KeyError, SyntaxError):
            pass
    from spacy.lang.en.stop_words import STOP_WORDS as spacy_stop_words

    return frozenset(spacy_stop_words)


STOP_WORDS = _english_stop_words()
