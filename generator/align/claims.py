"""Align claims: the same statement, in different words, across a story's outlets.

Two claims are compared by the content lemmas they share (already folded to
one concept per synonym set by the extractor), each word weighted by how rare
it is among the story's claims, so that the names every outlet repeats for the
event count less than the words that say what happened. Pairs above a
threshold are merged greedily, best first, into groups holding at most one
claim per outlet. Aligned claims agree unless they clearly conflict.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz

from generator.align.base import Group, StoryContext, register, single_or, verdict_words
from generator.entities import fold
from generator.model import Mention

LINK = 0.30  # cosine of rarity-weighted lemma sets from which two claims may state the same thing
GROUP_LINK = 0.22  # mean similarity a claim needs with the group it joins (no chaining through one member)
SAME_CONTENT = 0.45  # similarity from which two claims state one thing even where the parse finds no shared predicate
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
    sim = _similarity(mentions)
    groups = []
    for members in _cluster(mentions, sim):
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
    sim[~_same_predicate(mentions) & (sim < SAME_CONTENT)] = 0.0
    figures = _figure_pairs(mentions)
    sim[figures & (sim > 0)] += FIGURE_BONUS  # the same specific figure: the stronger evidence of one proposition
    for i, j in _death_place_pairs(mentions):
        sim[i, j] = sim[j, i] = 1.0
    return sim


def _same_predicate(mentions: Sequence[Mention]) -> np.ndarray:
    """Whether two claims can state one proposition: an event concept in common (the extractor's `predicates`:
    "Jeffs fathered a child" / "Jeffs was the father"), or a specific figure in common ("about 200 people
    attended" / "more than 200 people set off"). Sharing names and topic words without one is two statements
    about one subject."""
    n = len(mentions)
    ok = np.zeros((n, n), dtype=bool)
    for i, a in enumerate(mentions):
        for j in range(i, n):
            b = mentions[j]
            same = bool(set(a.predicates) & set(b.predicates)) or _shared_figure(a, b)
            ok[i, j] = ok[j, i] = same
    return ok


def _shared_figure(a: Mention, b: Mention) -> bool:
    """Both claims state the same specific figure: not a small count, a bare multiplier or a year, which many
    unrelated sentences share."""
    return any(_specific_figure(w) for w in set(a.words) & set(b.words))


def _specific_figure(word: str) -> bool:
    try:
        value = float(word)
    except ValueError:
        return False
    return value > 10 and not 1900 <= value <= 2100 and value not in _MULTIPLIERS


_MULTIPLIERS = {100.0, 1000.0, 1e6, 1e9}


def _figure_pairs(mentions: Sequence[Mention]) -> np.ndarray:
    n = len(mentions)
    out = np.zeros((n, n), dtype=bool)
    for i, a in enumerate(mentions):
        for j in range(i + 1, n):
            out[i, j] = out[j, i] = _shared_figure(a, mentions[j])
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


def _cluster(mentions: Sequence[Mention], sim: np.ndarray) -> list[list[int]]:
    """Greedy merging, best pair first, keeping one claim per outlet in a group and no weak chaining."""
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
    for check in (_speaker_conflict, _place_conflict, _polarity_conflict):
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


def _polarity_conflict(a: Mention, b: Mention) -> str | None:
    """The same main predicate (`key`) over mostly the same arguments, negated in exactly one claim ("not" in
    `words` is the predicate's polarity): one outlet states what the other denies."""
    if ("not" in a.words) == ("not" in b.words):
        return None
    wa, wb = set(a.words) - {"not"}, set(b.words) - {"not"}
    common = wa & wb
    if not a.key or a.key != b.key or len(common) < 4 or len(common) < 0.75 * min(len(wa), len(wb)):
        return None
    negative, positive = (a, b) if "not" in a.words else (b, a)
    return f"Outlets differ: “{_gist(positive.text)}” vs “{_gist(negative.text)}” (one negates the other)"


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
