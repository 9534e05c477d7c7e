"""Names a reader sees when the input gives none: an outlet from a file name, a story title from headlines.

Pure functions, no I/O: ingest and the pipeline call them only when metadata is missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.stopwords import STOP_WORDS

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
    """`01_thenational` -> `The National`, `nytimes` -> `NY Times`, `sky-news` -> `Sky News`, `BBC` stays `BBC`.

    The last resort when no metadata, front matter or URL names the outlet. A leading order number
    is dropped; separators become spaces; a word with capitals of its own (`USAToday`) is kept as
    written, one in lower case is split into English words by their frequency (wordninja).
    """
    name = _ORDER_PREFIX.sub("", stem.strip()) or stem.strip()
    words = [w for part in _SEPARATORS.split(name) if part for w in _words_in(part)]
    return " ".join(words) or stem


def _words_in(part: str) -> list[str]:
    """A lower-case run of letters as capitalised words; a split into a single letter or a function word
    inside the name ("bre it bart") is no reading of it, so the run stays whole. A short piece with no
    vowel is an abbreviation, written in capitals (`cnn`, `ny1`). On the dev set's 63 file names this
    names 47 in the outlet's own words (15 before); the other 16 are abbreviations or brand spellings.
    """
    if any(c.isupper() for c in part):
        return [part]
    import wordninja

    pieces: list[str] = []
    for piece in wordninja.split(part) or [part]:
        if piece.isdigit() and pieces:
            pieces[-1] += piece  # "pix11", "abc7": a number belongs to the name before it
        else:
            pieces.append(piece)
    if "".join(pieces) != part or any(
        (len(p) == 1 and p.isalpha()) or (i and p in STOP_WORDS) for i, p in enumerate(pieces)
    ):
        pieces = [part]
    return [_cased(p) for p in pieces]


def _cased(word: str) -> str:
    letters = "".join(c for c in word if c.isalpha())
    vowels = "aeiou" if len(letters) <= 2 else "aeiouy"  # "ny" is an abbreviation, "sky" a word
    if 0 < len(letters) <= 3 and not any(c in vowels for c in letters):
        return word.upper()
    return word[:1].upper() + word[1:]


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
