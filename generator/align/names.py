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
        shown = _shown(spellings)
        verdict = "Outlets spell it differently: " + " vs ".join(
            f"{s} ({_outlets(shown[s], ctx)})" for s in sorted(shown, key=lambda s: (-len(shown[s]), s))
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


def _shown(spellings: dict[str, set[str]]) -> dict[str, set[str]]:
    """The spellings to list, each with every outlet whose writing fits it.

    The fullest spellings are listed, plus shorter ones that clash with every
    fuller one. A short form that fits exactly one listed spelling ('Amara'
    beside 'Amara Osei') counts its outlets there; one that fits several is
    listed itself if its outlets would otherwise go unnamed.
    """
    longest = max(len(name_tokens(s)) for s in spellings)
    full = [s for s in sorted(spellings) if len(name_tokens(s)) == longest]
    listed = {s: set(spellings[s]) for s in sorted(spellings) if s in full or _clashes_with_all(s, full)}
    for short in sorted(set(spellings) - set(listed)):
        fits = [s for s in listed if not spelling_conflicts(short, s)]
        if len(fits) == 1:
            listed[fits[0]] |= spellings[short]
        elif not spellings[short] <= set().union(*listed.values()):
            listed[short] = set(spellings[short])
    return listed


def _clashes_with_all(spelling: str, others: list[str]) -> bool:
    return all(spelling_conflicts(spelling, other) for other in others)


def _outlets(sources: set[str], ctx: StoryContext) -> str:
    names = sorted(ctx.sources[s].outlet.split(" (")[0] if s in ctx.sources else s for s in sources)
    return ", ".join(names)
