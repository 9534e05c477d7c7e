"""Align reported numbers: same counted thing and event across outlets; agree when the intervals overlap.

Conservative by design: mentions are grouped only by an exact key (counted
class + event + context), figures without a counted thing stay single, and a
group whose values split into clusters that one outlet itself reports
separately is taken as several facts, not as a disagreement.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.align.base import Group, StoryContext, register, single_or, sources_of
from generator.model import Mention


@register("number")
def align_numbers(mentions: Sequence[Mention], ctx: StoryContext) -> list[Group]:
    """Groups of number mentions, one per fact, sorted by key and position."""
    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        by_key.setdefault(_group_key(m), []).append(m)
    groups: list[Group] = []
    for key, ms in sorted(by_key.items()):
        facts = _facts(ms)
        for cluster in facts:
            groups.append(_group(key, cluster, split=len(facts) > 1))
    return groups


def _group_key(m: Mention) -> str:
    """Figures with no counted thing, a one-off key or people with no event can only repeat within their source."""
    q = m.quantity
    if q is None or not q.counted or "@" in m.key or "|part" in m.key or (q.counted == "people" and not q.event):
        return f"{m.key}#{m.source}"
    return m.key


def _facts(ms: list[Mention]) -> list[list[Mention]]:
    """Split a key's mentions into facts: one, unless an outlet itself gives two incompatible figures."""
    clusters = _clusters(ms)
    if len(clusters) == 1:
        return clusters
    seen: set[str] = set()
    for cluster in clusters:
        here = sources_of(cluster)
        if here & seen:
            return clusters
        seen |= here
    return [sorted(ms, key=_order)]


def _clusters(ms: list[Mention]) -> list[list[Mention]]:
    """Greedy clusters of mutually compatible figures, in a fixed order."""
    clusters: list[list[Mention]] = []
    for m in sorted(ms, key=_order):
        for cluster in clusters:
            if all(_compatible(m, other) for other in cluster):
                cluster.append(m)
                break
        else:
            clusters.append([m])
    return clusters


def _compatible(a: Mention, b: Mention) -> bool:
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None:
        return a.value == b.value
    return qa.unit == qb.unit and qa.compatible(qb)


def _order(m: Mention) -> tuple:
    q = m.quantity
    low = q.low if q is not None and q.low is not None else -1
    return (low, m.source, m.start)


def _group(key: str, ms: list[Mention], split: bool) -> Group:
    """A Group with its verdict naming the values when outlets differ."""
    ms = sorted(ms, key=lambda m: (m.source, m.start))
    status = "agree" if len(_clusters(ms)) == 1 else "differ"
    status = single_or(status, ms)
    subject = _subject(key, ms) + (f" {_distinct(ms)[0]}" if split else "")
    values = sorted({m.value or m.text for m in ms})
    if status == "single":
        verdict = "Reported by one outlet only"
    elif status == "agree":
        verdict = "Outlets agree" + (f": {values[0]}" if len(values) == 1 else f" ({'; '.join(values)})")
    else:
        verdict = "Outlets differ: " + " vs ".join(_distinct(ms))
    return Group("number", tuple(ms), status, verdict, _label(subject), subject)


def _distinct(ms: list[Mention]) -> list[str]:
    """One written value per incompatible cluster, so the verdict names what is in conflict."""
    return [sorted({m.value or m.text for m in c})[0] for c in _clusters(ms)]


def _subject(key: str, ms: list[Mention]) -> str:
    """What is counted and by which event, without the per-source suffix: stable across builds."""
    base = key.split("#")[0]
    parts = [p for p in base.split("|") if p and "@" not in p]
    if not parts:
        return f"number {ms[0].text}"
    if "#" in key:
        parts.append(ms[0].text)
    return " ".join(parts)


def _label(subject: str) -> str:
    return subject[:1].upper() + subject[1:]
