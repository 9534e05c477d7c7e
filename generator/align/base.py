"""What aligners share: the story they work in, the groups they return, and the registry."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.entities import EntityIndex
from generator.model import Mention, Source


@dataclass(frozen=True)
class StoryContext:
    """Everything an aligner may consult besides the mentions of its kind."""

    story: str
    sources: dict[str, Source]
    entities: EntityIndex  # name variants across the story's outlets, clustered


@dataclass(frozen=True)
class Group:
    """Mentions judged to state the same fact, before it gets its permanent id."""

    kind: str
    mentions: tuple[Mention, ...]
    status: str  # agree | differ | single
    verdict: str  # the status in words
    label: str  # short description for headings
    subject: str  # what the fact is, in a few words: the permanent id is made from this
    listed: bool = True  # False: kept for the names page and alignment, not published as a fact


Aligner = Callable[[Sequence[Mention], StoryContext], list[Group]]
_ALIGNERS: dict[str, Aligner] = {}


def register(kind: str) -> Callable[[Aligner], Aligner]:
    def wrap(fn: Aligner) -> Aligner:
        _ALIGNERS[kind] = fn
        return fn

    return wrap


def aligner_files() -> list[Path]:
    """The source file of every registered aligner's module, for the story cache's key."""
    files = {inspect.getsourcefile(fn) for fn in _ALIGNERS.values()}
    return sorted(Path(f).resolve() for f in files if f)


def aligner_for(kind: str) -> Aligner:
    return _ALIGNERS.get(kind, align_by_key)


def sources_of(mentions: Sequence[Mention]) -> set[str]:
    return {m.source for m in mentions}


def single_or(status: str, mentions: Sequence[Mention]) -> str:
    """One outlet repeating itself is not corroboration: any one-source group is `single`."""
    return "single" if len(sources_of(mentions)) < 2 else status


def align_by_key(mentions: Sequence[Mention], ctx: StoryContext) -> list[Group]:
    """Fallback: mentions with the same key and value agree; same key, other values differ."""
    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        by_key.setdefault(m.key or m.value or m.text, []).append(m)
    groups = []
    for key, ms in sorted(by_key.items()):
        values = sorted({m.value or m.text for m in ms})
        status = single_or("agree" if len(values) == 1 else "differ", ms)
        verdict = verdict_words(status, values)
        groups.append(Group(ms[0].kind, tuple(ms), status, verdict, key, key))
    return groups


def verdict_words(status: str, values: Sequence[str]) -> str:
    """The verdict as a reader reads it, never a colour alone."""
    if status == "single":
        return "Reported by one outlet only"
    if status == "agree":
        return "Outlets agree" + (f": {values[0]}" if len(values) == 1 and values[0] else "")
    return "Outlets differ: " + " vs ".join(values)
