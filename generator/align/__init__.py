"""Align mentions across a story's outlets into facts (still without permanent ids)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from dataclasses import replace

import generator.extract  # noqa: F401  (kinds' modules may register aligners too)
from generator.align.base import Group, StoryContext, aligner_files, aligner_for
from generator.entities import EntityIndex, category, fold
from generator.model import Mention, Source

# Importing the modules registers their aligners.
for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["Group", "StoryContext", "align_story", "aligner_files", "aligner_for"]


def align_story(story: str, sources: Sequence[Source], mentions: Sequence[Mention]) -> list[Group]:
    """Group one story's mentions kind by kind; the order is fixed so output is deterministic."""
    ctx = StoryContext(story, {s.id: s for s in sources}, EntityIndex.build(mentions))
    mentions = [_as_the_story_reads_it(m, ctx.entities) for m in mentions]
    by_kind: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.kind, m.source, m.start, m.end)):
        by_kind.setdefault(m.kind, []).append(m)
    groups: list[Group] = []
    for kind in sorted(by_kind):
        groups.extend(aligner_for(kind)(by_kind[kind], ctx))
    return [_without_frames(g) for g in _without_redundant_claims(groups)]


def _as_the_story_reads_it(m: Mention, entities: EntityIndex) -> Mention:
    """A name is aligned in the category the story's outlets mostly give it: the tagger reads one town as a place
    in one article and as an organisation in the next, and one entity must not become two facts of two kinds."""
    if m.kind not in ("name", "place") or not m.value:
        return m
    story_category = entities.categories.get(fold(m.value))
    if story_category is None or story_category == category(m):
        return m
    if story_category == "place":
        return replace(m, kind="place", key=m.value, category="")
    key = ("org:" + m.value) if story_category == "org" else m.value
    return replace(m, kind="name", key=key, category=story_category)


def _without_frames(group: Group) -> Group:
    """A claim's frame is evidence for aligning it, read nowhere after: groups, which are cached, sent back from
    workers and kept in the model, carry their mentions without it (the mention cache keeps it for re-alignment)."""
    if not any(m.frame is not None for m in group.mentions):
        return group
    return replace(group, mentions=tuple(replace(m, frame=None) for m in group.mentions))


def _without_redundant_claims(groups: list[Group]) -> list[Group]:
    """Drop a compared claim that a compared quote already covers.

    "X called the vote 'a grave mistake'" compared as a whole sentence says
    less than the quote compared word by word; showing both would put a vaguer
    verdict next to the precise one. The claim goes when, without the sentences
    the specific fact covers, fewer than two outlets would be left in it.
    """
    specific = [g for g in groups if g.kind == "quote" and g.status != "single"]
    return [g for g in groups if not (g.kind == "claim" and g.status != "single" and _redundant(g, specific))]


def _redundant(claim: Group, specific: list[Group]) -> bool:
    for fact in specific:
        rest = {m.source for m in claim.mentions if not _overlapped(m, fact)}
        if len(rest) < 2 and len({m.source for m in claim.mentions}) - len(rest) >= 2:
            return True
    return False


def _overlapped(m: Mention, fact: Group) -> bool:
    return any(n.source == m.source and n.start < m.end and m.start < n.end for n in fact.mentions)
