"""Align reported numbers: same counted thing and event across outlets; agree when they state the same figure.

Conservative by design: mentions are grouped only by an exact key (counted
class + event + context), figures without a counted thing stay single, and a
group whose values split into clusters that one outlet itself reports
separately is taken as several facts, not as a disagreement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from generator.align.base import Group, StoryContext, register, single_or, sources_of
from generator.entities import fold, person_match
from generator.extract.numbers import RECURRING, key_words, number_key
from generator.labels import number_label
from generator.model import Mention, Quantity
from generator.units import LOST_CURRENCY, plain

_SPREAD = 5  # outlets' estimates of one amount rarely differ by more than this factor
_RECURRING = RECURRING  # events that happen night after night


@register("number")
def align_numbers(mentions: Sequence[Mention], ctx: StoryContext) -> list[Group]:
    """Groups of number mentions, one per fact, sorted by key and position."""
    by_key: dict[str, list[Mention]] = {}
    for m in _with_known_events(_with_known_people(_with_known_currencies(mentions), ctx)):
        by_key.setdefault(_group_key(m), []).append(m)
    groups: list[Group] = []
    for _, ms in sorted(by_key.items()):
        facts = [fact for occasion in _by_day(ms) for fact in _facts(occasion)]
        for cluster in facts:
            groups.append(_group(cluster, split=len(facts) > 1, ctx=ctx))
    return groups


def _with_known_currencies(mentions: Sequence[Mention]) -> list[Mention]:
    """A sum whose currency sign was lost takes the one currency in which the story states that same amount.

    Matching on the amount across the story's outlets is safe only when it is unambiguous, so a sum that
    fits no currency, or more than one, keeps its unknown sign and stays apart.
    """
    known = [
        m
        for m in mentions
        if m.quantity is not None
        and m.quantity.counted == "money"
        and m.quantity.unit != LOST_CURRENCY
        and _plain_sum(m.quantity)
    ]
    out = []
    for m in mentions:
        q = m.quantity
        if q is not None and q.unit == LOST_CURRENCY and _plain_sum(q):
            units = {k.quantity.unit for k in known if k.quantity.overlaps(q, Decimal(0)) or _rounded(k.quantity, q)}
            if len(units) == 1:
                (unit,) = units
                value = m.value.replace(LOST_CURRENCY, f"{unit} (sign lost in the text)")
                q = replace(q, unit=unit)
                m = replace(m, key=number_key(q), value=value, quantity=q)
        out.append(m)
    return out


def _plain_sum(q: Quantity) -> bool:
    """A sum stated outright: no conversion of another, nothing it is of, no other place or time."""
    return not (q.converts or q.subject or q.setting)


def _plain_count(q: Quantity) -> bool:
    """A count of things keyed by the thing and its event alone: no part of a group, no other place or time."""
    return not (q.unit or q.subject or q.part or q.setting) and q.counted not in ("age", "magnitude")


def _with_known_events(mentions: list[Mention]) -> list[Mention]:
    """'three live shells' beside '3 shells were found': a count of things with no event takes the one event
    the story's outlets give for that thing, when they give exactly one.

    People are left alone: counts of people with no event are too many different groups to guess which.
    """
    events: dict[str, set[str]] = {}
    for m in mentions:
        q = m.quantity
        if q is not None and q.event and q.counted != "people" and _plain_count(q):
            events.setdefault(q.counted, set()).add(q.event)
    out = []
    for m in mentions:
        q = m.quantity
        known = events.get(q.counted, set()) if q is not None and not q.event and _plain_count(q) else set()
        if len(known) == 1:
            (event,) = known
            q = replace(q, event=event)
            m = replace(m, key=number_key(q), quantity=q)
        out.append(m)
    return out


def _rounded(a: Quantity, b: Quantity) -> bool:
    """Whether one figure is the other rounded: 22 billion and 22.4 billion, not 22 and 23."""
    if a.figure is None or b.figure is None:
        return False
    return abs(a.figure - b.figure) <= max(a.step, b.step) / 2


def _with_known_people(mentions: list[Mention], ctx: StoryContext) -> list[Mention]:
    """Ages keyed by the person's name as the story's outlets resolve it.

    An age with no name ("the 16-year-old"), or with a bare surname several people share, joins the one
    named person whose age it fits; with none or several it stays on its own.
    """
    people = {fold(c): c for v, c in ctx.entities.canonical.items() if ctx.entities.categories.get(v) == "person"}
    named: dict[int, str] = {}
    surnames: dict[int, str] = {}
    for i, m in enumerate(mentions):
        who = _age_of(m)
        if who and fold(resolved := ctx.entities.resolve(who) or who) in people:
            (named if len(people[fold(resolved)].split()) > 1 else surnames)[i] = people[fold(resolved)]
    for i, surname in surnames.items():  # "Gray, 16": the one full name of that surname and age, if any
        full = {
            named[j]
            for j in named
            if person_match(surname, named[j]) and mentions[j].quantity.same_figure(mentions[i].quantity)
        }
        named[i] = full.pop() if len(full) == 1 else surname
    out = []
    for i, m in enumerate(mentions):
        q = m.quantity
        if q is None or q.counted != "age":
            out.append(m)
            continue
        person = named.get(i)
        if person is None:
            fits = {
                named[j]
                for j in named
                if mentions[j].quantity.overlaps(q, Decimal(0)) and (q.once or person_match(q.person, named[j]))
            }
            person = fits.pop() if len(fits) == 1 else None
            if person is None and (role := _role(q)):
                m = _aged(m, replace(q, person=role, once=""))  # the role stays: others of that age may join it
        out.append(_aged(m, replace(q, person=person, role="", once="")) if person else m)
    return _with_known_roles(out)


def _aged(m: Mention, q: Quantity) -> Mention:
    """The mention with its age's person settled, and the key that follows from it."""
    return replace(m, key=number_key(q), quantity=q)


def _with_known_roles(mentions: list[Mention]) -> list[Mention]:
    """'the 12-year-old' with no noun joins the one unnamed person of that age the story names by role.

    With two roles of that age ("a 12-year-old girl", "a 12-year-old boy") it cannot say which, and stays apart.
    """
    roles: dict[Decimal, set[str]] = {}
    for m in mentions:
        q = m.quantity
        if q is not None and q.counted == "age" and q.role and not q.once and q.figure is not None:
            roles.setdefault(q.figure, set()).add(q.person)
    out = []
    for m in mentions:
        q = m.quantity
        if q is not None and q.counted == "age" and q.once and not q.role and q.figure is not None and q.low == q.high:
            known = roles.get(q.figure, set())
            m = _aged(m, replace(q, person=next(iter(known)), once="")) if len(known) == 1 else m
        out.append(m)
    return out


def _role(q: Quantity) -> str | None:
    """'a 12-year-old girl': an unnamed person of one role and age, the same in every outlet that says both.

    Only the exact same age joins, so two roles of one noun never meet as a disagreement.
    """
    if not q.once or not q.role or q.figure is None or q.low != q.high:
        return None
    return f"a {plain(q.figure)}-year-old {q.role}"


def _age_of(m: Mention) -> str | None:
    """The name an age is given with, as written, or None when it is not an age or names no one."""
    q = m.quantity
    return q.person or None if q is not None and q.counted == "age" else None


def _apart(m: Mention) -> bool:
    """Figures with no counted thing, a one-off age, people with no event or an open-ended sum stay in their source."""
    q = m.quantity
    if q is None or not q.counted or q.once or q.part or (q.counted == "people" and not q.event):
        return True
    if q.counted == "duration" and not (q.subject or q.event or q.setting):
        return True  # "after about 15 minutes": how long what lasted is not said
    return q.counted == "money" and (q.low is None or q.high is None)  # "less than 1,000 euros" names no amount


def _group_key(m: Mention) -> str:
    return f"{m.key}#{m.source}" if _apart(m) else m.key


def _by_day(ms: list[Mention]) -> list[list[Mention]]:
    """A recurring count's mentions by the day their own clause names, when they name two days or more.

    Crowds of Monday and of Wednesday are different facts whatever their figures. A count that names no
    day joins the one day whose every figure it fits, and with none or several it stays with the others
    that name no day.
    """
    days = sorted({m.quantity.on for m in ms if m.quantity is not None and m.quantity.on is not None})
    if len(days) < 2:
        return [ms]
    dated = {day: [m for m in ms if m.quantity.on == day] for day in days}
    undated = []
    for m in sorted((m for m in ms if m.quantity is None or m.quantity.on is None), key=_order):
        fits = [day for day in days if all(_compatible(m, d) for d in dated[day])]
        if len(fits) == 1:
            dated[fits[0]].append(m)
        else:
            undated.append(m)
    return [*(dated[day] for day in days), *([undated] if undated else [])]


def _facts(ms: list[Mention]) -> list[list[Mention]]:
    """Split a key's mentions into the facts whose figures are compared.

    Figures too far apart to be estimates of one amount ("one arrest" on one night, "46 arrests" on
    another) are different counts. When an outlet itself gives two figures, sums, measures, crowds and
    arrests are different things or occasions; the counted victims of one incident are a whole and its
    parts ("three people died ... two women"), each compared only with its like.
    """
    facts: list[list[Mention]] = []
    for near in _comparable(_clusters(ms)):
        if not _given_twice(near):
            facts.append(sorted((m for c in near for m in c), key=_order))
            continue
        whole, parts = _whole_and_parts([m for c in near for m in c])
        q = near[0][0].quantity
        if q.unit or not q.event or (q.event in _RECURRING and not q.part) or not parts:
            facts.extend(near)
        else:
            facts.append(sorted(whole, key=_order))
            facts.extend(_clusters(parts))
    return facts


def _given_twice(clusters: list[list[Mention]]) -> bool:
    """Whether some outlet appears in two incompatible clusters."""
    seen: set[str] = set()
    for cluster in clusters:
        if sources_of(cluster) & seen:
            return True
        seen |= sources_of(cluster)
    return False


def _whole_and_parts(ms: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Each outlet's largest figure and those that fit it, and the rest of its figures."""
    whole, parts = [], []
    for source in sorted(sources_of(ms)):
        own = [m for m in ms if m.source == source]
        largest = max(own, key=lambda m: (_top(m), _order(m)))
        for m in own:
            (whole if _compatible(m, largest) else parts).append(m)
    return whole, parts


def _top(m: Mention) -> Decimal:
    q = m.quantity
    value = q.high if q.high is not None else q.low
    return Decimal("Infinity") if value is None else value


def _comparable(clusters: list[list[Mention]]) -> list[list[list[Mention]]]:
    """Chains of value clusters whose neighbours lie within a factor of _SPREAD of each other."""
    chains: list[list[list[Mention]]] = []
    for cluster in sorted(clusters, key=lambda c: _order(c[0])):
        if chains and _near(chains[-1][-1], cluster):
            chains[-1].append(cluster)
        else:
            chains.append([cluster])
    return chains


def _near(lower: list[Mention], upper: list[Mention]) -> bool:
    """Whether the top of one cluster and the bottom of the next could be two estimates of one amount.

    Only counts: a measure ten times another (1.2 vs 12 miles deep) is one misplaced decimal point.
    """
    if any(m.quantity.unit for m in lower + upper):
        return True
    bottom = min(m.quantity.low if m.quantity.low is not None else Decimal(0) for m in upper)
    return bottom <= max(_top(m) for m in lower) * _SPREAD


def _clusters(ms: list[Mention]) -> list[list[Mention]]:
    """Greedy clusters of mutually compatible figures, in a fixed order."""
    return _greedy(ms, lambda m, cluster: all(_compatible(m, other) for other in cluster))


def _greedy(ms: list[Mention], fits: Callable[[Mention, list[Mention]], bool]) -> list[list[Mention]]:
    """Each mention, in a fixed order, joins the first cluster it fits, else starts one."""
    clusters: list[list[Mention]] = []
    for m in sorted(ms, key=_order):
        for cluster in clusters:
            if fits(m, cluster):
                cluster.append(m)
                break
        else:
            clusters.append([m])
    return clusters


def _compatible(a: Mention, b: Mention) -> bool:
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None:
        return a.value == b.value
    return qa.unit == qb.unit and qa.overlaps(qb)


def _order(m: Mention) -> tuple:
    q = m.quantity
    low = q.low if q is not None and q.low is not None else -1
    return (low, m.source, m.start)


def _group(ms: list[Mention], split: bool, ctx: StoryContext) -> Group:
    """A Group whose verdict says whether the outlets state the same figure, and if not, how they differ."""
    ms = sorted(ms, key=lambda m: (m.source, m.start))
    status, verdict = _verdict(ms)
    status = single_or(status, ms)
    subject = _subject(ms) + (f" {_distinct(ms)[0]}" if split else "")
    if status == "single":
        verdict = "Reported by one outlet only"
    value = _told_apart(ms) if split or _apart(ms[0]) else ""
    return Group("number", tuple(ms), status, verdict, number_label(ms, ctx.sources, value), subject)


def _verdict(ms: list[Mention]) -> tuple[str, str]:
    """`agree` only when the outlets state the same figure (contract: "What a status means").

    Where two or more outlets state one figure and the others only bound it or give a vague amount
    that fits it, the figure is agreed and the verdict names the looser statements beside it; otherwise
    different figures are `differ`, and the verdict says why both may hold where a reason applies.
    """
    figures = [m for m in ms if m.quantity is not None and m.quantity.qualifier in ("", "about")]
    values = _by_figure(ms)
    if len(values) == 1:
        return "agree", "Outlets agree: " + _written(values[0])
    stated = _by_figure([m for m in ms if any(_same(m, f) for f in figures)])  # "up to 120" states 120 too
    if len(stated) == 1 and len(sources_of(stated[0])) >= 2:
        best = stated[0]
        exact = [m for m in best if any(m is f for f in figures)]
        looser = [c for c in values if not _same(c[0], best[0])]
        if all(_fits(m, exact) for c in looser for m in c):  # "at least 16" does not fit 14: that differs
            notes = "; ".join(f"{_written(c)} beside it ({_why(c[0], exact[0])})" for c in looser)
            return "agree", f"Outlets agree: {_written(best)}; {notes}"
    ranked = sorted(values, key=lambda c: _precision(min(c, key=_precision)))
    anchor = ranked[0][0]
    parts = [_written(ranked[0])]
    for cluster in ranked[1:]:
        why = _why(cluster[0], anchor)
        parts.append(_written(cluster) + (f" ({why})" if why else ""))
    return "differ", "Outlets differ: " + " vs ".join(parts)


def _fits(m: Mention, exact: list[Mention]) -> bool:
    """Whether a looser statement (a bound, a vague amount) can hold beside every exact figure, with no slack."""
    if m.quantity is None:
        return all(e.value == m.value for e in exact)
    return all(e.quantity is not None and m.quantity.overlaps(e.quantity, Decimal(0)) for e in exact)


def _by_figure(ms: list[Mention]) -> list[list[Mention]]:
    """Mentions split by the figure they state, in a fixed order."""
    return _greedy(ms, lambda m, cluster: _same(m, cluster[0]))


def _same(a: Mention, b: Mention) -> bool:
    if a.quantity is None or b.quantity is None:
        return a.value == b.value
    return a.quantity.same_figure(b.quantity)


def _written(cluster: list[Mention]) -> str:
    """The most precise written value speaks for its cluster: "7 shots struck", not "several times"."""
    m = min(cluster, key=_precision)
    return m.value or m.text


def _why(m: Mention, anchor: Mention) -> str:
    """Why a figure and a more precise one may both hold, or "" when they simply differ."""
    q, a = m.quantity, anchor.quantity
    if q is None or a is None:
        return ""
    if q.qualifier == "vague" or a.qualifier == "vague":
        return "a vague amount beside an exact one" if q.qualifier != a.qualifier else "vague amounts"
    if q.qualifier == "range" or a.qualifier == "range":
        return "a range beside a figure" if q.overlaps(a, Decimal(0)) else ""
    if q.qualifier in ("at least", "at most") and q.overlaps(a, Decimal(0)):
        return "a lower bound or an earlier count" if q.qualifier == "at least" else "an upper bound"
    if _rounded(q, a):
        return "rounding"
    if "about" in (q.qualifier, a.qualifier) and q.overlaps(a):
        return "an approximate figure"
    return ""


def _distinct(ms: list[Mention]) -> list[str]:
    """One written value per incompatible cluster, so a split fact's subject names its value."""
    speakers = [min(c, key=_precision) for c in _clusters(ms)]
    return [m.value or m.text for m in speakers]


def _precision(m: Mention) -> tuple:
    """Exact figures first, then narrow ranges, then open ones; ties broken by the written value."""
    q = m.quantity
    if q is None or q.low is None or q.high is None:
        return (2, Decimal(0), m.value or m.text)
    return (0 if q.low == q.high else 1, q.high - q.low, m.value or m.text)


def _subject(ms: list[Mention]) -> str:
    """What is counted and by which event, without the per-source suffix: stable across builds."""
    q = ms[0].quantity
    if q is not None and q.counted == "age" and q.person:
        return f"age of {q.person}"
    parts = [p for p in (key_words(q) if q is not None else (ms[0].key,)) if p]
    if not parts:
        return f"number {ms[0].text}"
    if _apart(ms[0]):
        parts.append(ms[0].text)
    return " ".join(parts)


def _told_apart(ms: list[Mention]) -> str:
    """The figure that sets one of several facts of a key apart: '384' of '384 processors', '22 billion' of a sum."""
    best = min(ms, key=_precision)
    q = best.quantity
    if q is not None and q.counted == "money":
        return (best.value or best.text).split(" (")[0].removesuffix(f" {q.unit}")
    words = best.text.split()
    while len(words) > 1 and q is not None and not q.unit and fold(words[-1]).startswith(fold(q.counted)[:4]):
        words.pop()
    return " ".join(words)
