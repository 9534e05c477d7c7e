"""Align claims: the same statement, in different words, across a story's outlets.

Two claims are compared by the content lemmas they share (already folded to
one concept per synonym set by the extractor), each word weighted by how rare
it is among the story's claims, so that the names every outlet repeats for the
event count less than the words that say what happened. Pairs above a
threshold are merged greedily, best first, into groups holding at most one
claim per outlet. Aligned claims agree unless they clearly conflict.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from types import MappingProxyType

import numpy as np
import webcolors
from rapidfuzz import fuzz

from generator.align.base import Group, StoryContext, register, single_or, verdict_words
from generator.entities import EntityIndex, fixed_match, fold, person_match
from generator.model import ClaimFrame, Measure, Mention, Participant

LINK = 0.30  # cosine of rarity-weighted lemma sets from which two claims may state the same thing
SAME_CONTENT = 0.45  # similarity from which one claim's head predicate among the other's verbs is enough
GROUP_LINK = 0.22  # mean similarity a claim needs with the group it joins (no chaining through one member)
FIGURE_BONUS = 0.2  # added to the similarity of two claims that state the same specific figure
MIN_SHARED = 2  # content words two claims must share before their similarity counts
PRIOR = 20  # sentences assumed to lack every word, so that a short story's shared words still weigh something
SAME_WORDING = 85  # token-set ratio above which two sentences are the same wire text
_DEATH_PLACE = re.compile(
    r"\b(?:died|was (?:pronounced|declared) dead)(?:\s+[a-z]+){0,3}?\s+"
    r"(at the scene|on the spot|at (?:the )?hospital|in (?:the )?hospital|"
    r"on the way to (?:the )?hospital|en route to (?:the )?hospital|in the ambulance|at (?:his|her) home)\b"
)
_PLACE_CLASS = {"scene": "at the scene", "spot": "at the scene", "way": "on the way to hospital",
                "route": "on the way to hospital", "ambulance": "on the way to hospital",
                "home": "at home"}  # fmt: skip
_PLURAL_SUBJECT = re.compile(r"\b(?:two|three|four|five|\d+|victims|people|others|both|all|they|men|women)\b", re.I)


@register("claim")
def align_claims(mentions: Sequence[Mention], ctx: StoryContext) -> list[Group]:
    """Group claims stating the same thing; keep singles only when they carry a number and a name."""
    mentions = sorted(mentions, key=lambda m: (m.source, m.start, m.end))
    if not mentions:
        return []
    allowed = _SameHappening(mentions, ctx.entities)
    sim = _similarity(mentions)
    for i, j in zip(*np.nonzero(sim), strict=True):  # only pairs that could link are checked (most pairs are not)
        if not allowed.pair(int(i), int(j)):
            sim[i, j] = 0.0
    groups = []
    for members in _cluster(mentions, sim, allowed):
        ms = [mentions[i] for i in members]
        if len({m.source for m in ms}) < 2 and not _important(ms[0]):
            continue
        central = max(members, key=lambda i: (float(sim[i, members].sum()), -i))
        groups.append(_group(ms, mentions[central]))
    return sorted(groups, key=lambda g: (g.subject, g.mentions[0].source, g.mentions[0].start))


def _similarity(mentions: Sequence[Mention]) -> np.ndarray:
    """Cosine between rarity-weighted lemma sets, for every pair of claims at once (zero within an outlet)."""
    df: dict[str, int] = {}
    for m in mentions:
        for w in set(m.words):
            df[w] = df.get(w, 0) + 1
    n = len(mentions)
    weights = {w: math.log((n + PRIOR) / (c + 0.5)) for w, c in df.items()}
    weights["not"] = min(weights.get("not", 1.0), 1.0)
    vocab = {w: i for i, w in enumerate(sorted(weights))}
    matrix = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, m in enumerate(mentions):
        for w in set(m.words):
            matrix[row, vocab[w]] = weights[w]
    shared = matrix @ matrix.T
    mass = np.maximum(np.diag(shared), 1e-9)
    cosine = shared / np.sqrt(mass[:, None] * mass[None, :])
    containment = shared / np.minimum(mass[:, None], mass[None, :])
    sim = (cosine + containment) / 2
    present = (matrix > 0).astype(np.float32)
    sim[(present @ present.T) < MIN_SHARED] = 0.0  # one shared word ("initial") is a coincidence, not a statement
    sources = np.array([m.source for m in mentions])
    sim[sources[:, None] == sources[None, :]] = 0.0
    mutual, one_sided = _same_predicate(mentions)
    sim[~mutual & ~(one_sided & (sim >= SAME_CONTENT))] = 0.0
    for i, j in zip(*np.nonzero(np.triu((sim > 0) & ~mutual, k=1)), strict=True):  # the few one-sided links
        if not _corroborated(mentions[int(i)], mentions[int(j)]):
            sim[i, j] = sim[j, i] = 0.0
    figures = _figure_pairs(mentions)
    sim[figures & (sim > 0)] += FIGURE_BONUS  # the same count of the same thing: more evidence, never enough alone
    for i, j in _death_place_pairs(mentions):
        sim[i, j] = sim[j, i] = 1.0
    return sim


def _same_predicate(mentions: Sequence[Mention]) -> tuple[np.ndarray, np.ndarray]:
    """Whether two claims can state one proposition: each one's head predicate (`key`, the verb of what it
    states) is among the other's event concepts (`predicates`: "Doe fathered a child" / "Doe was the
    father"), or, weaker, one's head is among the other's. A verb both mention only in passing ("..., hitting
    Doe" / "Seven bullets hit Doe") is not the same statement, and neither are shared names, topic words or a
    number ("45 miles" / "45 years"). Returns (mutual, one-sided)."""
    heads = [_head_concepts(m) for m in mentions]
    predicates = [set(m.predicates) for m in mentions]
    heads_m, concepts_m, predicates_m = _incidence(
        heads, [p | set(m.words) for p, m in zip(predicates, mentions, strict=True)], predicates
    )
    # `a` states what `b` mentions: one of a's heads among b's concepts; without a parsed head, any shared concept.
    states = np.where(heads_m.any(axis=1)[:, None], (heads_m @ concepts_m.T) > 0, (predicates_m @ predicates_m.T) > 0)
    return states & states.T, states | states.T


def _corroborated(a: Mention, b: Mention) -> bool:
    """A one-sided link (one claim's head predicate only among the other's verbs or words) needs more than
    that and the story's topic words: the other claim states the predicate as a verb and shares two more
    content words ("Flights were grounded" / "the strike grounded flights, shut shops"), or names a
    participant of it ("two buildings were set on fire" / "setting the bank and two buildings ablaze").
    Not: "seven men have been tried" / "he fired seven lawyers and tried to represent himself", "the president
    attacked the special counsel investigation" / "the suit amounts to another legal broadside ... the special
    counsel's probe". A claim without a parsed head has nothing to check."""
    if not (_parsed_head(a) and _parsed_head(b)):
        return True
    return any(
        _states(x, y) and (_shares_beyond(x, y) or _names_participant(x, y) is not False) for x, y in ((a, b), (b, a))
    )


def _parsed_head(m: Mention) -> bool:
    return any(any(ch.isalpha() for ch in head) for head in _head_concepts(m))


def _states(x: Mention, y: Mention) -> bool:
    """As in `_same_predicate`: x's head among y's concepts."""
    return bool(_head_concepts(x) & (set(y.predicates) | set(y.words)))


def _shares_beyond(x: Mention, y: Mention) -> bool:
    """x's head is one of y's verbs, and the two share at least two content words besides it."""
    matched = _head_concepts(x) & set(y.predicates)
    return bool(matched) and len((set(x.words) & set(y.words)) - matched - {"not"}) >= MIN_SHARED


def _names_participant(x: Mention, y: Mention) -> bool | None:
    """Whether y names someone or something taking part in x's head predicate (None: x names no one but by
    a pronoun)."""
    heads = _head_concepts(x)
    who = [r.who for r in _frame(x).roles if (r.predicate in heads or not r.predicate) and r.who.kind != "pron"]
    if not who:
        return None
    words = {_stem(w) for w in y.words}
    return any({_stem(t) for t in fold(w.name).split()} & words for w in who)


def _stem(word: str) -> str:
    """A name word without its plural or possessive "s": the lemmatiser reads "Jeffs" as "jeff" in one
    sentence and keeps "jeffs" in another."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _incidence(*families: Sequence[set]) -> list[np.ndarray]:
    """Each family of per-claim sets as a claims x vocabulary 0/1 matrix over one shared vocabulary, so
    that "do two claims' sets meet" is a matrix product for every pair at once."""
    vocab = {w: i for i, w in enumerate(sorted({w for family in families for sets in family for w in sets}))}
    out = []
    for family in families:
        matrix = np.zeros((len(family), max(len(vocab), 1)), dtype=np.float32)
        for row, words in enumerate(family):
            matrix[row, [vocab[w] for w in words]] = 1.0
        out.append(matrix)
    return out


class _SameHappening:
    """Whether two claims can be about one happening: both actual or both possible, with compatible
    participants and compatible days. Asked pair by pair, and only of the pairs that could link or group:
    comparing every pair's participants would cost most of a story's alignment."""

    def __init__(self, mentions: Sequence[Mention], entities: EntityIndex):
        self._mentions = mentions
        self._entities = entities
        self._known: dict[tuple[int, int], bool] = {}

    def pair(self, i: int, j: int) -> bool:
        if i == j:
            return True
        key = (i, j) if i < j else (j, i)
        if key not in self._known:
            a, b = self._mentions[key[0]], self._mentions[key[1]]
            same_mood = _frame(a).modal == _frame(b).modal  # what may happen is not what did
            self._known[key] = (
                same_mood
                and _same_participants(a, b, self._entities)
                and _same_time(a, b)
                and (_same_places(a, b) or _same_named(a, b, self._entities))
            )
        return self._known[key]

    def all(self, first: Sequence[int], second: Sequence[int]) -> bool:
        """Every claim of one group with every claim of the other."""
        return all(self.pair(i, j) for i in first for j in second)


_NO_FRAME = ClaimFrame()


def _frame(m: Mention) -> ClaimFrame:
    return m.frame or _NO_FRAME


@functools.lru_cache(maxsize=4096)
def _participants(frame: ClaimFrame) -> Mapping[tuple[str, str], frozenset[Participant]]:
    """A frame's participants by (slot, predicate), read once per claim, not once per pair it is compared in
    (read-only: it is shared)."""
    out: dict[tuple[str, str], set[Participant]] = {}
    for role in frame.roles:
        out.setdefault((role.slot, role.predicate), set()).add(role.who)
    return MappingProxyType({key: frozenset(values) for key, values in out.items()})


def _same_participants(a: Mention, b: Mention, entities: EntityIndex) -> bool:
    """The same agent and patient where both claims name one, for a predicate both state (each stated
    predicate's own participants), else for their head predicates: two people's names (or two other names)
    must be one entity of the story, and a singular participant is not a plural one ("the cops noticed" vs
    "he noticed the officers"). A person against an organisation or country is left open (a spokesman's
    words)."""
    ra, rb = _participants(_frame(a)), _participants(_frame(b))
    shared = sorted({predicate for _, predicate in ra if predicate} & _head_concepts(b))
    predicates = [c for c in shared if c in _head_concepts(a)] or [""]
    return any(_slots_agree(ra, rb, predicate, entities) for predicate in predicates)


def _slots_agree(ra: Mapping, rb: Mapping, predicate: str, entities: EntityIndex) -> bool:
    """Agent against agent, patient against patient; an intransitive subject ("two women died") against
    whichever of the other's agent or patient it fits ("a bomb killed two women")."""

    def fits(xs, ys) -> bool:
        return all(_same_referent(x, y, entities) for x in xs for y in ys)

    agent, patient, subject = ((slot, predicate) for slot in ("agent", "patient", "subject"))
    if not (fits(ra.get(agent, ()), rb.get(agent, ())) and fits(ra.get(patient, ()), rb.get(patient, ()))):
        return False
    if not fits(ra.get(subject, ()), rb.get(subject, ())):
        return False
    for one, other in ((ra, rb), (rb, ra)):
        if one.get(subject) and not (
            fits(one[subject], other.get(agent, ())) or fits(one[subject], other.get(patient, ()))
        ):
            return False
    return True


def _head_concepts(m: Mention) -> set[str]:
    return set(_frame(m).heads) | ({m.key} if m.key else set())


def _same_referent(x: Participant, y: Participant, entities: EntityIndex) -> bool:
    if "?" not in (x.number, y.number) and x.number != y.number:
        return False
    if x.kind != y.kind or x.kind not in ("person", "name"):  # a person speaking for a country or firm
        return True
    if set(fold(x.name).split()) & set(fold(y.name).split()) or entities.same(x.name, y.name):
        return True
    return person_match(x.name, y.name) if x.kind == "person" else fixed_match(x.name, y.name)


def _same_time(a: Mention, b: Mention) -> bool:
    """Claims that both name a day are about one happening only when some of their days meet (a weekday
    alone meets the same weekday or a day that falls on it)."""
    if not _frame(a).days or not _frame(b).days:
        return True
    days_a, days_b = _days(a), _days(b)
    if any(x[0] <= y[1] and y[0] <= x[1] for x in days_a for y in days_b):
        return True
    week_a = {first.weekday() for first, last in days_a if first == last} | _weekdays(a)
    week_b = {first.weekday() for first, last in days_b if first == last} | _weekdays(b)
    if not (_weekdays(a) or _weekdays(b)):
        return False  # both placed on the calendar, and their days do not meet
    return bool(week_a & week_b) or not (week_a and week_b)


def _same_places(a: Mention, b: Mention) -> bool:
    """Two named places of one kind in the same slot of the head predicate that share no name are two places,
    so two happenings ("pronounced dead at Jamaica Hospital" / "at Mount Sinai Hospital"); one name inside the
    other is one place ("at Beaumont Hospital" / "at Royal Oak Beaumont Hospital")."""
    return all(
        set(x.names) & set(y.names)
        for x in _frame(a).places
        for y in _frame(b).places
        if x.slot == y.slot and x.kind == y.kind
    )


def _same_named(a: Mention, b: Mention, entities: EntityIndex) -> bool:
    """Both claims name one person (or other name) in one slot of their head predicates: one happening told
    two ways, whatever else differs (the aligner then says what does)."""
    heads = {(r.slot, r.who) for r in _frame(a).roles if not r.predicate and r.who.kind in ("person", "name")}
    return any(
        slot == r.slot and who.kind == r.who.kind and _same_referent(who, r.who, entities)
        for slot, who in heads
        for r in _frame(b).roles
        if not r.predicate
    )


def _days(m: Mention) -> list[tuple[date, date]]:
    return [(d.first, d.last) for d in _frame(m).days if d.first is not None and d.last is not None]


def _weekdays(m: Mention) -> set[int]:
    """Weekdays the clause names but that could not be placed on the calendar."""
    return {d.weekday for d in _frame(m).days if d.first is None and d.weekday is not None}


def _figure_pairs(mentions: Sequence[Mention]) -> np.ndarray:
    """Pairs stating the same count of the same noun ("11 shots" / "11 shots"), not merely one number."""
    counts = [{(c.noun, c.value) for c in _frame(m).counts} for m in mentions]
    (matrix,) = _incidence(counts)
    out = (matrix @ matrix.T) > 0
    np.fill_diagonal(out, False)
    return out


def _death_place_pairs(mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Claims from two outlets that each say where one victim died belong together, whatever else they say."""
    placed = [i for i, m in enumerate(mentions) if _death_place(m)]
    return [
        (i, j)
        for i in placed
        for j in placed
        if i < j and mentions[i].source != mentions[j].source and _same_victim(mentions[i], mentions[j])
    ]


def _same_victim(a: Mention, b: Mention) -> bool:
    """Two single victims of different sex are two people: their deaths are not one fact."""
    return len({_sex(a), _sex(b)} - {None}) < 2


def _sex(m: Mention) -> str | None:
    before = m.text[: _DEATH_PLACE.search(m.text).start()].lower()
    female = re.search(r"\b(?:she|woman|girl|mother|wife|her)\b", before)
    male = re.search(r"\b(?:he|man|boy|father|husband|his)\b", before)
    return None if bool(female) == bool(male) else ("f" if female else "m")


def _death_place(m: Mention) -> str | None:
    """Where a single victim died ("at the scene", "on the way to hospital"), if the claim says so."""
    found = list(_DEATH_PLACE.finditer(m.text))
    if len(found) != 1 or _PLURAL_SUBJECT.search(m.text[: found[0].start()]):
        return None
    phrase = found[0].group(1)
    return next((label for word, label in _PLACE_CLASS.items() if word in phrase.split()), "in hospital")


def _cluster(mentions: Sequence[Mention], sim: np.ndarray, allowed: _SameHappening) -> list[list[int]]:
    """Greedy merging, best pair first, keeping one claim per outlet in a group, no weak chaining, and no
    two members about different happenings (`allowed`: every pair of a group must be compatible)."""
    group_of = list(range(len(mentions)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
    rows, cols = np.nonzero(np.triu(sim >= LINK, k=1))
    pairs = sorted(zip(rows.tolist(), cols.tolist(), strict=True), key=lambda p: (-float(sim[p]), p))
    for i, j in pairs:
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        if {mentions[k].source for k in members[a]} & {mentions[k].source for k in members[b]}:
            continue
        if float(sim[np.ix_(members[a], members[b])].mean()) < GROUP_LINK:
            continue
        if not allowed.all(members[a], members[b]):
            continue
        for k in members[b]:
            group_of[k] = a
        members[a].extend(members.pop(b))
    return [sorted(ms) for _, ms in sorted(members.items())]


def _important(m: Mention) -> bool:
    """A one-outlet claim worth showing: it has a number and names someone or something."""
    has_number = any(w[0].isdigit() for w in m.words)
    has_name = any(not any(ch.isdigit() for ch in e) for e in m.entities)
    return has_number and has_name


def _group(ms: list[Mention], central: Mention) -> Group:
    """The group with its status: agree unless two members clearly conflict; headed by its most central wording."""
    ms = sorted(ms, key=lambda m: (m.source, m.start))
    status, verdict = "agree", verdict_words("agree", [])
    conflict = _conflict(ms)
    if conflict:
        status, verdict = "differ", conflict
    status = single_or(status, ms)
    if status == "single":
        verdict = verdict_words("single", [])
    return Group("claim", tuple(ms), status, verdict, _label(central.text), _subject(ms))


def _conflict(ms: list[Mention]) -> str | None:
    """A clear contradiction between two aligned claims, in words; None when they may all be true."""
    for check in (_speaker_conflict, _place_conflict, _named_place_conflict, _polarity_conflict, _attribute_conflict):
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                found = check(a, b)
                if found:
                    return found
    return None


def _speaker_conflict(a: Mention, b: Mention) -> str | None:
    """The same wire sentence credited to two different named people."""
    if not (a.speaker and b.speaker) or _surname(a.speaker) == _surname(b.speaker):
        return None
    rest_a, rest_b = _without(a.text, a.speaker), _without(b.text, b.speaker)
    if fuzz.token_set_ratio(rest_a, rest_b) < SAME_WORDING or not 0.6 < len(rest_a) / max(len(rest_b), 1) < 1.6:
        return None
    first, second = sorted((a.speaker, b.speaker))
    return f"Outlets credit different sources: {first} vs {second}"


def _place_conflict(a: Mention, b: Mention) -> str | None:
    """One victim cannot have died both at the scene and on the way to hospital."""
    pa, pb = _death_place(a), _death_place(b)
    if pa and pb and pa != pb and _same_victim(a, b):
        first, second = sorted((f"died {pa}", f"died {pb}"))
        return f"Outlets differ: {first} vs {second}"
    return None


def _named_place_conflict(a: Mention, b: Mention) -> str | None:
    """One named person at two named places of one kind ("pronounced dead at Kings County Hospital" / "at
    Brookdale Hospital")."""
    for x in _frame(a).places:
        for y in _frame(b).places:
            if x.slot == y.slot and x.kind == y.kind and not set(x.names) & set(y.names):
                return _differ([x.words], [y.words])
    return None


def _polarity_conflict(a: Mention, b: Mention) -> str | None:
    """The same main predicate (`key`) negated in exactly one of two claims aligned as one statement ("not" in
    `words` is the head predicate's polarity): one outlet states what the other denies ("his client would
    appeal" / "Halloran would not appeal")."""
    if ("not" in a.words) == ("not" in b.words):
        return None
    wa, wb = set(a.words) - {"not"}, set(b.words) - {"not"}
    if not a.key or a.key != b.key or not (wa & wb) - {a.key} or min(len(wa), len(wb)) < 0.5 * max(len(wa), len(wb)):
        return None  # a short statement and a long sentence that shares its verb are no denial of each other
    negative, positive = (a, b) if "not" in a.words else (b, a)
    return f"Outlets differ: “{_gist(positive.text)}” vs “{_gist(negative.text)}” (one negates the other)"


def _attribute_conflict(a: Mention, b: Mention) -> str | None:
    """The same slot of one happening filled differently: another count of the same thing ("arrested four
    times" / "three times"; "a depth of 1.2 miles" / "of 12 miles"), another colour ("a silver car" / "a grey
    car"), or a measured prepositional object against another one ("sentenced to life" / "to 119 years"; a
    direct object is often a paraphrase: "fired 11 shots" / "fired their weapons")."""
    for counts_a, counts_b in ((_counted(a), _counted(b)), (_amounts_of(a), _amounts_of(b))):
        for noun in sorted(counts_a.keys() & counts_b.keys()):
            if not counts_a[noun].keys() & counts_b[noun].keys():
                return _differ(counts_a[noun].values(), counts_b[noun].values())
    colours_a, colours_b = _colours(a), _colours(b)
    if colours_a and colours_b and not colours_a.keys() & colours_b.keys():
        return _differ(colours_a.values(), colours_b.values())
    measures_a, measures_b = _measured(a), _measured(b)
    for slot in sorted(measures_a.keys() & measures_b.keys() - {"obj"}):
        nouns_a = {noun for noun, _ in measures_a[slot]}
        nouns_b = {noun for noun, _ in measures_b[slot]}
        if nouns_a & nouns_b or all(value is None for _, value in (*measures_a[slot], *measures_b[slot])):
            continue
        if any(noun in b.words for noun in nouns_a) or any(noun in a.words for noun in nouns_b):
            continue  # "life in prison plus 20 years": both said, in other slots
        return _differ(measures_a[slot].values(), measures_b[slot].values())
    return None


def _counted(m: Mention) -> dict[str, dict[Decimal, str]]:
    """A claim's counts by noun: noun -> {value: the words that state it}."""
    out: dict[str, dict[Decimal, str]] = {}
    for c in sorted(_frame(m).counts):
        out.setdefault(c.noun, {})[c.value] = c.words
    return out


def _amounts_of(m: Mention) -> dict[tuple[str, str], dict[Decimal, str]]:
    """A claim's counts that say what they are the amount of, by that and the counted noun: "a depth of 1.2
    miles" and "a depth of 12 miles" differ even where both claims also give "14 miles" of something else."""
    out: dict[tuple[str, str], dict[Decimal, str]] = {}
    for c in sorted(_frame(m).counts):
        if c.of:
            out.setdefault((c.of, c.noun), {})[c.value] = c.words
    return out


def _measured(m: Mention) -> dict[str, dict[tuple[str, Decimal | None], str]]:
    """A claim's measures by slot: slot -> {(noun, value): the words that state it}."""
    out: dict[str, dict[tuple[str, Decimal | None], str]] = {}
    for x in sorted(_frame(m).measures, key=Measure.sort_key):
        out.setdefault(x.slot, {})[x.noun, x.value] = x.words
    return out


def _differ(first, second) -> str:
    a, b = sorted((" or ".join(sorted(set(first))), " or ".join(sorted(set(second)))))
    return f"Outlets differ: {a} vs {b}"


def _colours(m: Mention) -> dict[str, str]:
    """Colour value -> the word an outlet used ("grey" and "gray" are one colour)."""
    return {webcolors.name_to_hex(word): word for word in _frame(m).colours}


def _gist(text: str, limit: int = 80) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _surname(speaker: str) -> str:
    words = fold(speaker).split()
    return words[-1] if words else ""


def _without(text: str, speaker: str) -> str:
    return text.replace(speaker, " ")


def _label(text: str) -> str:
    """A wording as a heading, cut at a word if long."""
    text = " ".join(text.split())
    return text if len(text) <= 100 else text[:97].rsplit(" ", 1)[0] + "…"


def _subject(ms: list[Mention]) -> str:
    """Words the members share most, alphabetical on ties: independent of outlet order."""
    counts: dict[str, int] = {}
    for m in ms:
        for w in set(m.words):
            counts[w] = counts.get(w, 0) + 1
    need = 2 if len(ms) > 1 else 1
    shared = sorted((w for w, c in counts.items() if c >= need and w != "not"), key=lambda w: (-counts[w], -len(w), w))
    return " ".join(sorted(shared[:5]))
