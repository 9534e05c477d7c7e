"""Name variants across a story: which spellings name the same person, place or organisation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import Mention


def fold(name: str) -> str:
    """Lower-case ASCII without diacritics or punctuation: 'Qāsem Soleimani' -> 'qasem soleimani'."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", ascii_text.lower()).split())


@dataclass(frozen=True)
class EntityIndex:
    """Maps every name variant seen in a story to one canonical name."""

    canonical: dict[str, str]

    @classmethod
    def build(cls, mentions: Sequence[Mention]) -> EntityIndex:
        names = sorted({m.value for m in mentions if m.kind in ("name", "place") and m.value})
        return cls({fold(n): n for n in names})

    def resolve(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.canonical.get(fold(name), name)
