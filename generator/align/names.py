"""Align names and places across outlets: one group per entity, `differ` only for real spelling differences.

The story's EntityIndex has already clustered spelling variants. A group
agrees when every outlet writes the name the same way once titles, dropped
first names and generational suffixes are set aside; it differs when a shared
part is spelled differently (Qasem vs Qassem), and the verdict lists the
spellings with the outlets that use them.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.align.base import Group, StoryContext, register, single_or
from generator.entities import fold, name_tokens, spelling_conflicts
from generator.model import Mention


@register("name")
def align_names(mentions: Sequence[Mention], ctx: StoryContext) -> list[Group]:
    return _align(mentions, ctx)


@register("place")
def align_places(mentions: Sequence[Mention], ctx: StoryContext) -> list[Group]:
    return _align(mentions, ctx)


def _align(mentions: Sequence[Mention], ctx: StoryContext) -> list[Group]:
    """Group mentions by the entity their value resolves to; order by subject for stable output."""
    by_entity: dict[str, list[Mention]] = {}
    for m in mentions:
        value = m.value or m.text
        by_entity.setdefault(ctx.entities.resolve(value) or value, []).append(m)
    groups = [_group(name, ms, ctx) for name, ms in by_entity.items()]
    return sorted(groups, key=lambda g: (g.subject, g.mentions[0].source, g.mentions[0].start))


def _group(name: str, ms: list[Mention], ctx: StoryContext) -> Group:
    spellings = _spellings(ms)
    conflicting = any(spelling_conflicts(a, b) for a in spellings for b in spellings if a < b)
    status = single_or("differ" if conflicting else "agree", ms)
    if status == "single":
        verdict = "Reported by one outlet only"
    elif status == "agree":
        verdict = f"Outlets agree on the name: {name}"
    else:
        verdict = "Outlets spell it differently: " + " vs ".join(
            f"{s} ({_outlets(spellings[s], ctx)})" for s in _shown(spellings)
        )
    return Group(ms[0].kind, tuple(ms), status, verdict, name, name)


def _spellings(ms: list[Mention]) -> dict[str, set[str]]:
    """Each written form (the value: the article's full form) and the sources using it, diacritics aside."""
    out: dict[str, set[str]] = {}
    seen: dict[str, str] = {}
    for m in ms:
        value = m.value or m.text
        key = fold(value)
        out.setdefault(seen.setdefault(key, value), set()).add(m.source)
    return out


def _shown(spellings: dict[str, set[str]]) -> list[str]:
    """The fullest spellings, plus shorter ones that clash with every fuller one; most used first."""
    longest = max(len(name_tokens(s)) for s in spellings)
    full = [s for s in spellings if len(name_tokens(s)) == longest]
    extra = [s for s in spellings if s not in full and all(spelling_conflicts(s, f) for f in full)]
    return sorted(full + extra, key=lambda s: (-len(spellings[s]), s))


def _outlets(sources: set[str], ctx: StoryContext) -> str:
    names = sorted(ctx.sources[s].outlet.split(" (")[0] if s in ctx.sources else s for s in sources)
    return ", ".join(names)
