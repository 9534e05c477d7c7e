"""Align mentions across a story's outlets into facts (still without permanent ids)."""

from __future__ import annotations

from collections.abc import Sequence

from generator.align.base import Group, StoryContext, aligner_for
from generator.entities import EntityIndex
from generator.model import Mention, Source

# Importing the modules registers their aligners.
from generator.align import quotes, numbers, dates, names, claims  # noqa: E402,F401


def align_story(story: str, sources: Sequence[Source], mentions: Sequence[Mention]) -> list[Group]:
    """Group one story's mentions kind by kind; the order is fixed so output is deterministic."""
    ctx = StoryContext(story, {s.id: s for s in sources}, EntityIndex.build(mentions))
    by_kind: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.kind, m.source, m.start, m.end)):
        by_kind.setdefault(m.kind, []).append(m)
    groups: list[Group] = []
    for kind in sorted(by_kind):
        groups.extend(aligner_for(kind)(by_kind[kind], ctx))
    return groups


__all__ = ["Group", "StoryContext", "align_story"]
