"""Align dates: the outlets' dates for one event, compared as calendar intervals.

Two mentions belong together when they date the same class of event (the
extractor's key) and name overlapping people, places or organisations; a date
whose event names nobody joins a group it fits. Dates of different events are
never compared, and a group only "differs" when two outlets' intervals cannot
meet (a night running into the next early morning counts as meeting).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import timedelta

from rapidfuzz import fuzz

from generator.align.base import Group, StoryContext, register, single_or
from generator.entities import fold
from generator.extract.dates import EVENT_CLASSES, approximate_clock, is_recent, names_month_day, readable, resolve
from generator.labels import date_label
from generator.model import Mention, Source, When

_NEAR_DAYS = 2  # further apart than this, two exact dates are two events, not a disagreement
_CLOCK_SLACK = 45  # minutes: "about 10 a.m." and "after 10 a.m." are the same time
_LATE = ("night", "late", "evening", "overnight")
_EARLY = ("overnight", "early")
_SPEAKER_KEYS = {"statement"}
_STOP = {"the", "of", "and", "for", "a", "an", "force", "forces"}


@register("date")
def align(mentions: Sequence[Mention], ctx: StoryContext) -> list[Group]:
    """Group dates by event, then judge each group."""
    groups = [_judge(ms, ctx) for ms in _cluster(sorted(mentions, key=_order), ctx)]
    return sorted(groups, key=lambda g: (g.subject, _order(g.mentions[0])))


def _order(m: Mention) -> tuple:
    return (m.source, m.start, m.end)


def _cluster(mentions: list[Mention], ctx: StoryContext) -> list[list[Mention]]:
    """Mentions that name someone are linked by shared names.

    The others first gather among themselves; a gathering from one outlet then joins a named group it fits.
    """
    named = [m for m in mentions if m.key and _names(m, ctx)]
    parent = list(range(len(named)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(named):
        for j in range(i):
            if a.key == named[j].key and _same_event(a, named[j], ctx):
                parent[root(i)] = root(j)
    clusters: dict[int, list[Mention]] = {}
    for i, m in enumerate(named):
        clusters.setdefault(root(i), []).append(m)
    groups = list(clusters.values())
    unnamed: list[list[Mention]] = []
    for m in mentions:
        if m.key and _names(m, ctx):
            continue
        home = _home(m, unnamed) if m.key else None
        if home is None:
            unnamed.append([m])
        else:
            home.append(m)
    for lone in unnamed:
        home = _only_home(lone[0], groups) if len({m.source for m in lone}) == 1 and lone[0].key else None
        if home is not None and all(_fits(m, home) for m in lone):
            home.extend(lone)
        else:
            groups.append(lone)
    return _join_leads(_adopt_unkeyed_clocks(_adopt_undated(_adopt_orphans(_merge_fitting(groups), ctx))), ctx)


def _merge_fitting(groups: list[list[Mention]]) -> list[list[Mention]]:
    """Groups of one event class whose dates all fit are one fact: names are incidental ("a man was fired").

    Repeated until nothing changes, as a merged group can fit where its parts did not.
    Statements stay apart: who spoke is what makes two of them the same fact.
    """
    while True:
        merged = _merge_once(groups)
        if len(merged) == len(groups):
            return merged
        groups = merged


def _merge_once(groups: list[list[Mention]]) -> list[list[Mention]]:
    merged: list[list[Mention]] = []
    for group in sorted(groups, key=lambda g: (-len(g), _order(g[0]))):
        key = group[0].key
        home = next(
            (g for g in merged if key and key not in _SPEAKER_KEYS and g[0].key == key and _group_fits(group, g)),
            None,
        )
        if home is None:
            merged.append(list(group))
        else:
            home.extend(group)
    return merged


def _group_fits(group: list[Mention], home: list[Mention]) -> bool:
    """Every dated member fits; members that cannot be placed ("today" without a date) follow the outlet-mates
    they were grouped with, as they can contradict nothing."""
    placed = [m for m in group if _placeable(m.when)]
    return all(_fits(m, home) for m in placed or group)


def _adopt_orphans(groups: list[list[Mention]], ctx: StoryContext) -> list[list[Mention]]:
    """An outlet's date of an event class no other outlet dates joins the one several-outlet group of that moment.

    The outlets word one event with different verbs ("walked in", "entered", "stopped at the desk"); a date
    that matches a group's moment exactly cannot make it differ, so the only risk is a misplaced single.
    """
    sources_of_key: dict[str, set[str]] = {}
    for g in groups:
        for m in g:
            sources_of_key.setdefault(m.key, set()).add(m.source)
    shared = [g for g in groups if len({m.source for m in g}) > 1]
    kept = []
    for group in groups:
        orphan = group[0].key and len(sources_of_key[group[0].key]) == 1
        homes = [h for h in shared if all(_same_moment(m, h, ctx) for m in group)] if orphan else []
        if len(homes) == 1:
            homes[0].extend(group)
        else:
            kept.append(group)
    return kept


def _join_leads(groups: list[list[Mention]], ctx: StoryContext) -> list[list[Mention]]:
    """The day each outlet's lead sentence gives is the day of the story's event, whatever verb dates it.

    "The council on Tuesday rejected ...", "The mayor on Tuesday was appointed ...", "was re-elected ...
    Tuesday morning": outlets open with the event and word it differently, so the extractor's keys differ.
    Only one outlet's groups move: those of one day join each other across outlets, then the one several-outlet
    lead group of that day if there is exactly one; two several-outlet groups are never merged here.
    """
    openings = {sid: _opening(source) for sid, source in ctx.sources.items()}

    def in_lead(m: Mention) -> bool:  # the mention's sentence is its article's first: nothing but furniture before it
        return m.source in openings and m.sentence.start <= openings[m.source]

    leads = {id(g): [m for m in g if in_lead(m) and _lead_day(m.when) is not None] for g in groups}
    movable = [g for g in groups if leads[id(g)] and len({m.source for m in g}) == 1 and g[0].key not in _SPEAKER_KEYS]
    homes = [g for g in groups if leads[id(g)] and len({m.source for m in g}) > 1]
    parent = {id(g): id(g) for g in movable}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for x, a in enumerate(movable):
        for b in movable[:x]:
            if a[0].source != b[0].source and _leads_meet(a, b, leads):
                parent[root(id(a))] = root(id(b))
    parts: dict[int, list[list[Mention]]] = {}
    for g in movable:
        parts.setdefault(root(id(g)), []).append(g)
    moved: set[int] = set()
    for part in parts.values():
        merged = [m for g in part for m in g]
        fit = [h for h in homes if any(_leads_meet(g, h, leads) for g in part) and _all_compatible(merged, h)]
        if len(fit) == 1:
            fit[0].extend(merged)
        elif len(part) > 1 and _all_compatible(merged, []):
            part[0].extend(m for g in part[1:] for m in g)
            moved.update(id(g) for g in part[1:])
            continue
        else:
            continue
        moved.update(id(g) for g in part)
    return [g for g in groups if id(g) not in moved]


def _opening(source: Source) -> int:
    """Where the article's text starts: the first character of its body that is neither page furniture nor space."""
    cut = sorted((f.start, f.end) for f in source.furniture)
    i = source.body.start
    while i < source.body.end:
        inside = next((end for start, end in cut if start <= i < end), None)
        if inside is not None:
            i = inside
        elif source.text[i].isspace():
            i += 1
        else:
            return i
    return source.body.end


def _lead_day(w: When | None) -> tuple | None:
    """The day a date names, as a calendar day or else a weekday; None for a year, a month or a bare clock."""
    if w is None:
        return None
    if w.earliest is not None and w.earliest == w.latest:
        return ("day", w.earliest)
    return ("weekday", w.weekday) if w.weekday is not None and w.earliest is None else None


def _leads_meet(a: list[Mention], b: list[Mention], leads: dict[int, list[Mention]]) -> bool:
    """Lead dates of the two groups name one day, and every member of one is compatible with every member of the
    other."""
    days = {_lead_day(m.when) for m in leads[id(a)]}
    other = {_lead_day(m.when) for m in leads[id(b)]}
    weekdays = {d[1].weekday() if d[0] == "day" else d[1] for d in days}
    other_weekdays = {d[1].weekday() if d[0] == "day" else d[1] for d in other}
    same = bool(days & other) or (any(d[0] == "weekday" for d in days | other) and bool(weekdays & other_weekdays))
    return same and _all_compatible(a, b)


def _all_compatible(a: list[Mention], b: list[Mention]) -> bool:
    members = [*a, *b]
    return all(
        x.source == y.source or compatible(x.when, y.when) and not _unplaced_day_apart(x, y)
        for i, x in enumerate(members)
        for y in members[i + 1 :]
    )


def _adopt_unkeyed_clocks(groups: list[list[Mention]]) -> list[list[Mention]]:
    """A clock time whose happening the parse could not name ("Police say that on Saturday around 11:30 p.m.")
    joins the one several-outlet group where another outlet gives the same time to the minute and every date fits.

    The same time of the same day is the evidence; with two such groups it cannot say which, and stays apart.
    """
    return _adopted(groups, _unkeyed_clock, _clock_home)


def _adopted(groups: list[list[Mention]], lone, fits) -> list[list[Mention]]:
    """Each group `lone` picks joins the one other group it `fits`; with none or several it stays as it is."""
    kept = []
    for group in groups:
        homes = [h for h in groups if h is not group and fits(group, h)] if lone(group) else []
        if len(homes) == 1:
            homes[0].extend(group)
        else:
            kept.append(group)
    return kept


def _unkeyed_clock(group: list[Mention]) -> bool:
    return len(group) == 1 and not group[0].key and group[0].when is not None and group[0].when.clock is not None


def _clock_home(group: list[Mention], home: list[Mention]) -> bool:
    m = group[0]
    others = [o for o in home if o.source != m.source]
    return (
        len({o.source for o in home}) > 1
        and all(compatible(m.when, o.when) and not _unplaced_day_apart(m, o) for o in home)
        and any(o.when is not None and o.when.clock == m.when.clock and _days_meet(m.when, o.when) for o in others)
    )


def _days_meet(a: When, b: When) -> bool:
    """Neither names a day the other contradicts: a clock alone sits beside any day."""
    if a.weekday is not None and b.weekday is not None and a.weekday != b.weekday:
        return False
    return a.earliest is None or b.earliest is None or (a.earliest <= b.latest and b.earliest <= a.latest)


def _adopt_undated(groups: list[list[Mention]]) -> list[list[Mention]]:
    """An outlet's unplaceable recent date ("fired four days earlier", no publication date) joins the one group
    where that outlet dates the same event class ("last Thursday"): it cannot clash, and it is that outlet's event."""
    return _adopted(groups, _undated_recent, lambda group, home: _own_dated(home, group))


def _undated_recent(group: list[Mention]) -> bool:
    """One outlet's dates that cannot be placed, all within about a fortnight of the article."""
    return (
        len({m.source for m in group}) == 1
        and bool(group[0].key)
        and all(not _placeable(m.when) and is_recent(m.text) for m in group)
    )


def _own_dated(home: list[Mention], group: list[Mention]) -> bool:
    """The home dates the same event class and holds a day-scale date of the same outlet ("last Thursday"): a
    year or a month ("the 2016 campaign") is no recent happening that "last week" could be the same one as."""
    source, key = group[0].source, group[0].key
    return home[0].key == key and any(o.source == source and _day_scale(o) for o in home)


def _day_scale(m: Mention) -> bool:
    w = m.when
    if not _placeable(w):
        return False
    return w.weekday is not None or w.clock is not None or w.earliest == w.latest or is_recent(m.text)


def _same_moment(m: Mention, group: list[Mention], ctx: StoryContext) -> bool:
    """Compatible with every member and the same moment as another outlet's: the same calendar day,
    or the same clock time or weekday for the same people or places."""
    if not all(compatible(m.when, o.when) and not _unplaced_day_apart(m, o) for o in group):
        return False
    others = [o for o in group if o.source != m.source]
    if names_month_day(m.text):
        return any(_same_words(m, o) or _same_day(m.when, o.when) for o in others)
    w = m.when
    if w is None or not _names_meet(_names(m, ctx), frozenset().union(*(_names(o, ctx) for o in others))):
        return False
    if w.clock is not None:
        return any(o.when is not None and o.when.clock is not None and _clocks_meet(w, o.when) for o in others)
    return (
        w.weekday is not None
        and not _calendar_only(m)
        and any(o.when is not None and o.when.weekday == w.weekday and not _calendar_only(o) for o in others)
    )


def _calendar_only(m: Mention) -> bool:
    """A day its own words place on the calendar ("July 22, 2016"): its weekday is the calendar's, not a
    weekday the outlet wrote, so it is no evidence of the same moment as another outlet's "Friday"."""
    w = resolve(m.text, None)
    return w is not None and w.earliest is not None


def _same_words(a: Mention, b: Mention) -> bool:
    return (a.value or a.text).lower() == (b.value or b.text).lower()


def _same_day(a: When | None, b: When | None) -> bool:
    if a is None or b is None or a.earliest is None:
        return False
    return a.earliest == a.latest == b.earliest == b.latest


def _home(m: Mention, groups: list[list[Mention]]) -> list[Mention] | None:
    """The largest group of the same event that this date fits (None: it starts its own)."""
    return max((g for g in groups if g[0].key == m.key and _fits(m, g)), key=len, default=None)


def _only_home(m: Mention, groups: list[list[Mention]]) -> list[Mention] | None:
    """The one several-outlet named group of the same happening this date fits; with two candidates (Monday's
    shooting here and another city's Monday shooting) a date that names nobody cannot say which, and stays apart."""
    homes = [g for g in groups if g[0].key == m.key and len({o.source for o in g}) > 1 and _fits(m, g)]
    return homes[0] if len(homes) == 1 else None  # nor may it turn one outlet's happening into a corroborated one


def _fits(m: Mention, group: list[Mention]) -> bool:
    """A date fits a group when it is compatible with every member; one that cannot be placed
    ("last week" with no publication date) only fits beside the same words, as it is compatible with anything."""
    if not _placeable(m.when):
        return any(_same_words(m, o) for o in group) and not any(_unplaced_day_apart(m, o) for o in group)
    return all(compatible(m.when, o.when) and not _unplaced_day_apart(m, o) for o in group) and any(
        _comparable(m.when, o.when) for o in group
    )


def _comparable(a: When | None, b: When | None) -> bool:
    """Both on the calendar, both weekdays or both clock times: otherwise "compatible" only means "unknown"."""
    if a is None or b is None:
        return False
    return (
        (a.earliest is not None and b.earliest is not None)
        or (_clock_only(a) and _placeable(b))
        or (_clock_only(b) and _placeable(a))
        or (a.weekday is not None and b.weekday is not None)
        or (a.clock is not None and b.clock is not None)
    )


def _clock_only(w: When) -> bool:
    """ "at 2:09 a.m.": a time of day that names no day, so it can sit beside any day of its happening."""
    return w.clock is not None and w.earliest is None and w.weekday is None


def _placeable(w: When | None) -> bool:
    return w is not None and (w.earliest is not None or w.weekday is not None or w.clock is not None)


def _same_event(a: Mention, b: Mention, ctx: StoryContext) -> bool:
    """Shared names, and dates close enough that a mismatch would be a disagreement, not two events."""
    return (
        _names_meet(_names(a, ctx), _names(b, ctx))
        and (_comparable(a.when, b.when) or _recent(a) and _recent(b))
        and _near(a.when, b.when)
        and not _unplaced_day_apart(a, b)
    )


def _recent(m: Mention) -> bool:
    """A weekday or a relative date of the last fortnight ("last week", "four days earlier"): with the same
    people named, two such dates of one happening are worth comparing even when neither is on the calendar."""
    return m.when is not None and (m.when.weekday is not None or is_recent(m.text))


def _unplaced_day_apart(a: Mention, b: Mention) -> bool:
    """A day with no year to place it ("May 19") only matches its own words: beside "Friday" it says nothing."""
    return any(
        names_month_day(x.text) and (x.when is None or x.when.earliest is None) and not _same_words(x, y)
        for x, y in ((a, b), (b, a))
    )


def _names(m: Mention, ctx: StoryContext) -> frozenset[str]:
    """Name words of the event's phrase, canonicalised through the story's entity index."""
    words = set()
    for name in m.entities:
        canonical = ctx.entities.resolve(name.replace(".", "")) or name
        words.update(w for w in fold(canonical).split() if w not in _STOP and len(w) > 1)
    return frozenset(words)


def _names_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """A shared name word, allowing spelling variants ("Yusuf"/"Yousef") and demonyms ("Iraq"/"Iraqi")."""
    return any(
        x == y or (min(len(x), len(y)) >= 4 and (x[:4] == y[:4] or fuzz.ratio(x, y) >= 85)) for x in a for y in b
    )


def _near(a: When | None, b: When | None) -> bool:
    if a is None or b is None or None in (a.earliest, a.latest, b.earliest, b.latest):
        return True
    gap = max((b.earliest - a.latest).days, (a.earliest - b.latest).days, 0)
    return gap <= _NEAR_DAYS


def compatible(a: When | None, b: When | None) -> bool:
    """Whether two reported dates can mean the same moment; unknown counts as compatible."""
    if a is None or b is None:
        return True
    if None not in (a.earliest, a.latest, b.earliest, b.latest):
        if a.latest < b.earliest or b.latest < a.earliest:
            return _runs_into(a, b) or _runs_into(b, a)
        return a.earliest != a.latest or b.earliest != b.latest or _clocks_meet(a, b)
    if a.weekday is not None and b.weekday is not None and a.weekday != b.weekday:
        return (
            (a.weekday + 1) % 7 == b.weekday
            and _late_early(a, b)
            or (b.weekday + 1) % 7 == a.weekday
            and _late_early(b, a)
        )
    return _clocks_meet(a, b)


def _runs_into(a: When, b: When) -> bool:
    """A's night reaching B's early hours of the next day ("Tuesday night" and "early Wednesday")."""
    return a.latest + timedelta(days=1) == b.earliest and _late_early(a, b)


def _late_early(a: When, b: When) -> bool:
    early = b.part_of_day in _EARLY or (b.clock is not None and b.clock < "06:00")
    return (a.part_of_day in _LATE or (a.clock is not None and a.clock >= "18:00")) and early


def _clocks_meet(a: When, b: When) -> bool:
    if not a.clock or not b.clock or (a.timezone and b.timezone and a.timezone != b.timezone):
        return True
    gap = abs(_minutes(a.clock) - _minutes(b.clock))
    if _exact(a.clock) and _exact(b.clock):
        return gap <= 1  # "2:09 a.m." and "2:12 a.m." are two readings, not one time rounded
    return gap <= _CLOCK_SLACK


def _exact(clock: str) -> bool:
    """A clock read to the minute (off the quarter hours) is exact; "10 a.m." and "11:30 p.m." are round."""
    return _minutes(clock) % 15 != 0


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _judge(ms: list[Mention], ctx: StoryContext) -> Group:
    """Differ only when two outlets give dates that cannot meet."""
    ms = sorted(ms, key=_order)
    clash = any(a.source != b.source and not compatible(a.when, b.when) for a in ms for b in ms)
    status = single_or("differ" if clash else "agree", ms)
    values = _values(ms)
    if status == "single":
        verdict = "Reported by one outlet only"
    elif status == "differ":
        verdict = "Outlets differ: " + " vs ".join(values)
    else:
        verdict = "Outlets agree: " + _most_precise(ms)
    topic = _topic(ms, ctx)
    event = ms[0].key or "event"
    label = date_label(ms[0].key, topic, ms, ctx.sources, set(EVENT_CLASSES))
    return Group("date", tuple(ms), status, verdict, label, f"{event} {topic}".strip())


def _values(ms: list[Mention]) -> list[str]:
    """One value per distinct day, as most mentions word it (then the most detailed), in calendar order."""
    counts = Counter(_shown(m) for m in ms)
    best: dict[tuple, str] = {}
    for m in ms:
        w = m.when
        weekday = -1 if w is None or w.weekday is None or w.earliest is not None else w.weekday
        day = (str(w.earliest or ""), str(w.latest or ""), weekday) if w else ("", "", -1)
        value = _shown(m)
        if day not in best or (counts[value], len(value)) > (counts[best[day]], len(best[day])):
            best[day] = value
    return [best[d] for d in sorted(best)]


def _most_precise(ms: list[Mention]) -> str:
    """The most detailed compatible value (an exact day beats a weekday, a clock adds to either, and a clock
    read to the minute beats one given as about that time: "6:40 p.m." speaks for "around 6:45 p.m.")."""

    def detail(m: Mention) -> tuple:
        w = m.when or When(None, None)
        exact = w.earliest is not None and w.earliest == w.latest
        clock = 2 * (w.clock is not None) + (w.clock is not None and not approximate_clock(m.text))
        return (4 * exact + 2 * (w.weekday is not None) + 2 * clock + (w.part_of_day is not None), m.value or "")

    return _shown(max(ms, key=detail))


def _shown(m: Mention) -> str:
    """The moment as a reader says it: "Tuesday 7 January 2020, night"."""
    return readable(m.when, m.text)


def _topic(ms: list[Mention], ctx: StoryContext) -> str:
    """The name most of the group's mentions share (ties broken alphabetically), so the id does not hang on order."""
    counts = Counter(n for m in ms for n in {ctx.entities.resolve(e) or e for e in m.entities})
    if not counts:
        return ""
    return min(counts, key=lambda n: (-counts[n], n))
