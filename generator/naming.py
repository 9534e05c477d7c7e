"""Names a reader sees when the input gives none: an outlet from a file name, a story title from headlines.

Pure functions, no I/O: ingest and the pipeline call them only when metadata is missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ORDER_PREFIX = re.compile(r"^\d+[\s._-]*")  # "01_", "3-": a file's place in its folder, not its name
_SEPARATORS = re.compile(r"[\s._-]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
# Words too common in headlines to say what a story is about.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "after",
        "before",
        "over",
        "under",
        "into",
        "about",
        "amid",
        "against",
        "new",
        "says",
        "say",
        "said",
    ]
)


def outlet_from_filename(stem: str) -> str:
    """`01_thenational` -> `Thenational`, `sky-news` -> `Sky News`, `BBC` stays `BBC`.

    A leading order number is dropped; separators become spaces; a word all in lower case is
    capitalised, a word with capitals of its own (`USAToday`, `BBC`) is kept as written.
    """
    name = _ORDER_PREFIX.sub("", stem.strip()) or stem.strip()
    words = [w for w in _SEPARATORS.split(name) if w]
    return " ".join(w if any(c.isupper() for c in w) else w[:1].upper() + w[1:] for w in words) or stem


def story_title(story_id: str, headlines: Sequence[str]) -> str:
    """The headline that shares most words with the story's other headlines, else the folder name in words.

    The most central headline names the event in the words most outlets use; ties go to the
    shorter headline, then alphabetical order, so the title is the same on every build.
    """
    cleaned = [" ".join(h.split()) for h in headlines if h and h.strip()]
    if not cleaned:
        return _words_of_id(story_id)
    if len(cleaned) == 1:
        return cleaned[0]
    bags = [_content_words(h) for h in cleaned]

    def centrality(i: int) -> int:
        return sum(len(bags[i] & bags[j]) for j in range(len(bags)) if j != i)

    best = min(range(len(cleaned)), key=lambda i: (-centrality(i), len(cleaned[i]), cleaned[i]))
    return cleaned[best]


def _content_words(headline: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(headline) if w.lower() not in _FUNCTION_WORDS)


def _words_of_id(story_id: str) -> str:
    """`city_council_vote_2019` -> `City council vote 2019`: the folder name read as words."""
    words = [w for w in _SEPARATORS.split(story_id) if w]
    return " ".join(words).capitalize() if words else story_id
