"""Align names and places across outlets: one group per entity; facts only where outlets differ or it places the story.

The story's EntityIndex has already clustered spelling variants. Every group
goes to the names page; a group is also published as a fact (`listed`) when
the outlets differ on it or when it says who or where:

- `differ`: a shared part of the name is spelled differently (Qasem vs
  Qassem; the verdict lists every spelling with its outlets), the same person
  is given titles of different jurisdictions (a state judge vs a federal one),
  or outlets name different people with one surname in the same role (a
  different first name is a different person, not a spelling);
- `agree`, listed: the outlets write one name in different forms (a given
  name, a middle initial or a suffix more or less), or two or more outlets use
  it to say where something happened ("near Clearlake", "on 117th Street") or
  describe the person (a role, an age);
- otherwise the name is agreed trivia ("Middle East") and is not a fact.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.align.base import Group, StoryContext, register, single_or
from generator.entities import HONORIFICS, category, fold, name_tokens, spelling_conflicts, tokens_match
from generator.model import Fact, Mention, NameEntry, Spelling

# Levels of jurisdiction an office title can name; two different levels for one person are two offices.
_JURISDICTIONS = {"us": "federal", "federal": "federal", "state": "state", "county": "county", "city": "city"}


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
    groups = _different_people(groups, ctx)
    return sorted(groups, key=lambda g: (g.subject, g.mentions[0].source, g.mentions[0].start))


def _group(name: str, ms: list[Mention], ctx: StoryContext) -> Group:
    spellings = _spellings(ms)
    held = _held(spellings)
    conflicting = any(spelling_conflicts(a, b) for a in held for b in held if a < b)
    offices = _office_conflict(ms)
    status = single_or("differ" if conflicting or offices else "agree", ms)
    listed = status == "differ"
    if status == "single":
        listed = _says_who_or_where(ms, 1)
        verdict = "Reported by one outlet only"
    elif conflicting:
        verdict = "Outlets spell it differently: " + _forms(spellings, ctx)
    elif offices:
        verdict = f"Outlets give {name} different offices: " + " vs ".join(
            f"{title} ({_outlets(srcs, ctx)})" for title, srcs in offices
        )
    elif _forms_differ(spellings):
        listed = True
        forms = _fullest_forms(spellings)
        verdict = "Outlets agree on the name, written in different forms: " + " vs ".join(
            f"{f} ({_outlets(forms[f], ctx)})" for f in sorted(forms, key=lambda f: (-len(forms[f]), f))
        )
    else:
        listed = _says_who_or_where(ms)
        verdict = f"Outlets agree on the name: {name}"
    return Group(ms[0].kind, tuple(ms), status, verdict, name, name, listed)


def _held(spellings: dict[str, set[str]]) -> list[str]:
    """Spellings some outlet holds to: a slip an outlet makes once beside its own other spelling is not a difference.

    ("Eric Nichols ... during Nichol's response" in one article: that outlet does not spell the name differently.)
    """
    return [
        s
        for s in sorted(spellings)
        if any(
            not any(t != s and src in spellings[t] and spelling_conflicts(s, t) for t in spellings)
            for src in spellings[s]
        )
    ]


def _forms(spellings: dict[str, set[str]], ctx: StoryContext) -> str:
    shown = _shown(spellings)
    return " vs ".join(f"{s} ({_outlets(shown[s], ctx)})" for s in sorted(shown, key=lambda s: (-len(shown[s]), s)))


def _fullest_forms(spellings: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each outlet under the fullest form it writes (a bare surname is no form of its own)."""
    fullest: dict[str, str] = {}
    for spelling in sorted(spellings):
        for source in spellings[spelling]:
            if len(fold(spelling).split()) > len(fold(fullest.get(source, "")).split()):
                fullest[source] = spelling
    forms: dict[str, set[str]] = {}
    for source, spelling in fullest.items():
        if len(fold(spelling).split()) > 1:
            forms.setdefault(spelling, set()).add(source)
    return forms


def _forms_differ(spellings: dict[str, set[str]]) -> bool:
    """Outlets' fullest forms differ in their words (a given name, an initial, a suffix), not only in case."""
    return len({fold(f) for f in _fullest_forms(spellings)}) > 1


def _says_who_or_where(ms: list[Mention], outlets: int = 2) -> bool:
    """Enough outlets (two, or the one that names it) use the name to place a happening or describe the person.

    A thing given a number or a quality ('a gray 2013 Toyota Camry') counts where two outlets describe it.
    """
    uses = {"located", "described"} | ({"qualified"} if outlets >= 2 else set())
    used = {m.source for m in ms if uses & set(m.uses)}
    return len(used) >= outlets


def _office_conflict(ms: list[Mention]) -> list[tuple[str, set[str]]]:
    """Offices for one person naming one title at different levels: 'state District Judge' vs 'U.S. District Judge'."""
    by_level: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for m in ms:
        for use in m.uses:
            if not use.startswith("office:"):
                continue
            written = use.removeprefix("office:")
            tokens = fold(written).split()
            levels = {_JURISDICTIONS[t] for t in tokens[:-1] if t in _JURISDICTIONS}
            if len(levels) == 1:
                by_level.setdefault((tokens[-1], levels.pop()), (written, set()))[1].add(m.source)
    for office in sorted({o for o, _ in by_level}):
        found = sorted((v for (o, _), v in by_level.items() if o == office), key=lambda v: v[0])
        if len(found) > 1 and len(set().union(*(s for _, s in found))) > 1:
            return found
    return []


def _different_people(groups: list[Group], ctx: StoryContext) -> list[Group]:
    """Outlets that name different people with one surname in one role: one `differ` fact, both groups kept.

    Two person groups qualify when no outlet names both, their surnames match
    and their first names do not, and the outlets give them a common role
    (the same title or the same noun: 'her nephew'). The victim and her sister,
    named together by most outlets, never qualify.
    """
    people = [g for g in groups if category(g.mentions[0]) == "person"]
    out = list(groups)
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            if _same_role_other_person(a, b):
                ms = a.mentions + b.mentions
                verdict = (
                    f"Outlets name different people with one surname as {_common_roles(a, b)[0]}: "
                    f"{a.label} ({_outlets({m.source for m in a.mentions}, ctx)}) vs "
                    f"{b.label} ({_outlets({m.source for m in b.mentions}, ctx)}); "
                    "a different first name is a different person, not a spelling"
                )
                label = f"{a.label} or {b.label}"
                out.append(Group("name", ms, "differ", verdict, label, label))
    return out


def _same_role_other_person(a: Group, b: Group) -> bool:
    sa, sb = {m.source for m in a.mentions}, {m.source for m in b.mentions}
    if sa & sb:
        return False
    ta, tb = name_tokens(a.label), name_tokens(b.label)
    if len(ta) < 2 or len(tb) < 2 or not tokens_match(ta[-1], tb[-1]):
        return False
    if tokens_match(ta[0], tb[0]) or ta[0][:3] == tb[0][:3]:
        return False  # a variant or a short form of one given name (Rudy, Rudolph): maybe one person
    return bool(_common_roles(a, b))


def _roles(g: Group) -> set[str]:
    titles = {fold(m.words[0]).split()[-1] for m in g.mentions if m.words and fold(m.words[0])}
    nouns = {u.removeprefix("role:") for m in g.mentions for u in m.uses if u.startswith("role:")}
    return (titles | nouns) - HONORIFICS


def _common_roles(a: Group, b: Group) -> list[str]:
    return sorted(_roles(a) & _roles(b))


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


def names_table(groups: Sequence[Group], facts: Sequence[Fact]) -> tuple[NameEntry, ...]:
    """Every name and place group of a story for the names page, with the fact id of those published."""
    published = {
        tuple((m.source, m.start, m.end) for m in f.mentions): f.id for f in facts if f.kind in ("name", "place")
    }
    out = []
    for g in groups:
        if g.kind in ("name", "place") and " or " not in g.label:
            fact_id = published.get(tuple((m.source, m.start, m.end) for m in g.mentions))
            spellings = tuple(dict.fromkeys(Spelling(" ".join(m.text.split()), m.source) for m in g.mentions))
            out.append(NameEntry(g.kind, g.label, g.status, g.verdict, spellings, fact_id))
    return tuple(sorted(out, key=lambda e: (e.kind, e.label.lower(), e.label)))
