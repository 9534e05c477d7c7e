"""Align direct quotes across outlets: the same words from the same speaker are one fact.

Candidate pairs come from rapidfuzz (cheap, tolerant of a word added or a
partial quote); only those pairs are compared word by word with
diff-match-patch, which decides agree (same words, or one quote is a
contiguous part of the other) or differ (words added, dropped or changed
inside the shared part), and names the difference. Two translations of one
remark share few exact words but most of their rare content words; those are
joined too, for one named speaker only and at most one rendering per outlet.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from generator.align.base import Group, StoryContext, register, single_or
from generator.entities import fold
from generator.extract.claims import US_NAMES
from generator.labels import quote_label
from generator.model import Mention
from generator.stopwords import STOP_WORDS

EDIT = "<ed>"  # an editorial bracket such as "[The police]": stands in for the words it replaces
SHORT = 3  # quotes of up to this many words are partial quotes: matched only by exact containment
VARIANT_SHARED = 4  # content words two translations of one remark share at least
VARIANT_COVER = 0.55  # rarity-weighted share of the shorter rendering's content words the other must have
_CONTRACTIONS = (
    (r"\bcan't\b", "can not"),
    (r"\bwon't\b", "will not"),
    (r"n't\b", " not"),
    (r"'m\b", " am"),
    (r"'ll\b", " will"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
    (r"'d\b", " would"),
    (r"s?'s?(?![a-z])", ""),
)
_SPELLING = (
    (r"([a-z]{3,})is(e|ed|es|ing|ation|ations)\b", r"\1iz\2"),
    (r"([a-z]{2,})our\b", r"\1or"),
    (r"([a-z]{3,})ourite\b", r"\1orite"),
    (r"([a-z]{3,})tre\b", r"\1ter"),
    (r"([a-z]+)ence\b", r"\1ense"),
)


def word_diff(a: str, b: str) -> list[tuple[int, str]]:
    """A word-level diff (-1 delete, 0 equal, 1 insert): each word is mapped to one character, as linesToChars does.

    Chunks are the words joined by single spaces, each chunk ending in a space, so chunks concatenate cleanly.
    """
    table: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        for word in text.split():
            if word not in table:
                table[word] = chr(0xE000 + len(words))
                words.append(word)
        return "".join(table[word] for word in text.split())

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(encode(a), encode(b), False)
    return [(op, "".join(words[ord(c) - 0xE000] + " " for c in chars)) for op, chars in diffs]


@functools.lru_cache(maxsize=4096)
def normalise(value: str) -> tuple[str, ...]:
    """Words of a quote as compared: case, punctuation, quote marks and British spelling folded; brackets marked.

    Memoised: alignment compares every quote with many others, and the folding costs more than the comparing."""
    text = re.sub(r"\[[^\]]*\]", f" {EDIT} ", value.replace("’", "'").replace("‘", "'").lower())
    for pattern, repl in _CONTRACTIONS:
        text = re.sub(pattern, repl, text)
    words = re.findall(r"<ed>|[a-z0-9]+(?:'[a-z]+)?", fold_accents(text))
    out = []
    for word in words:
        for pattern, repl in _SPELLING:
            word = re.sub(pattern, repl, word)
        out.append(word)
    return tuple(out)


def fold_accents(text: str) -> str:
    return " ".join(fold(part) if part != EDIT else part for part in text.split()) if text else text


@dataclass(frozen=True)
class Comparison:
    """How two renderings of one quote relate: `differences` lists the changed passages, empty when they agree."""

    differences: tuple[tuple[str, str], ...]


def compare(a: Sequence[str], b: Sequence[str], a_ends: bool = False, b_ends: bool = False) -> Comparison:
    """Word-by-word comparison of normalised quotes; extra words at either edge are a partial quote, not a change.

    `a_ends`/`b_ends`: the quote closes its sentence there; when both do, words one has after the other's end are a
    change ("no community." vs "no community center."), else the shorter one is a partial quote.
    """
    ops = word_diff(" ".join(a), " ".join(b))
    regions = _regions(ops)
    diffs = []
    for index, (before, deleted, inserted, after) in enumerate(regions):
        at_start, at_end = index == 0 and not before, index == len(regions) - 1 and not after
        if at_start and (not deleted or not inserted):
            continue
        if at_end and (not deleted or not inserted) and not (a_ends and b_ends):
            continue  # one outlet quotes further, or stops: a partial quote unless both close the sentence
        if (at_start or at_end) and min(len(deleted), len(inserted)) > 2:
            continue  # two partial quotes that overlap: each has words the other cut off
        if _editorial(deleted, inserted):
            continue
        diffs.append((" ".join([*before[-2:], *deleted, *after[:2]]), " ".join([*before[-2:], *inserted, *after[:2]])))
    return Comparison(tuple(diffs))


def _regions(ops: list[tuple[int, str]]) -> list[tuple[list[str], list[str], list[str], list[str]]]:
    """Runs of changes with the equal words on each side: (before, deleted, inserted, after)."""
    regions = []
    equal_before: list[str] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op, chunk in ops:
        words = chunk.split()
        if op == 0:
            if deleted or inserted:
                regions.append((equal_before, deleted, inserted, words))
                deleted, inserted = [], []
            equal_before = words
        elif op < 0:
            deleted = deleted + words
        else:
            inserted = inserted + words
    if deleted or inserted:
        regions.append((equal_before, deleted, inserted, []))
    return regions


def _editorial(deleted: list[str], inserted: list[str]) -> bool:
    """An editorial bracket replaces or adds a few words: '[The police] have' = 'They have'."""
    return (EDIT in deleted and len(inserted) <= 3) or (EDIT in inserted and len(deleted) <= 3)


# --- grouping ------------------------------------------------------------------------------------------------------


@register("quote")
def align_quotes(mentions: Sequence[Mention], ctx: StoryContext) -> list[Group]:
    """Group renderings of one quote across outlets; the status says whether their words agree."""
    ms = sorted(mentions, key=lambda m: (m.source, m.start, m.end))
    words = [[w for w in normalise(m.value or m.text) if w != EDIT] for m in ms]
    texts = [" ".join(w) for w in words]
    parent = list(range(len(ms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    long_ones = [i for i in range(len(ms)) if len(words[i]) > SHORT]
    long_set = set(long_ones)
    for x, i in enumerate(long_ones):
        for j in long_ones[x + 1 :]:
            if words[i] == words[j] or (
                ms[i].source != ms[j].source and _same_quote(ms[i], ms[j], words[i], words[j], texts[i], texts[j])
            ):
                parent[find(j)] = find(i)
    for i in long_ones:
        target = _best_container(i, ms, words, texts, fragment_only=True)
        if target is not None:
            parent[find(i)] = find(target)
    shorts = [i for i in range(len(ms)) if len(words[i]) <= SHORT]
    # a phrase found in two different longer quotes of its speaker belongs to neither (roots of the long quotes
    # are fixed here: the short ones joined below must not change which quotes count as different)
    ambiguous = {i for i in shorts if len({find(j) for j in _containers(i, ms, words, texts) if j in long_set}) > 1}
    for i in shorts:
        target = None if i in ambiguous else _best_container(i, ms, words, texts)
        if target is not None:
            parent[find(i)] = find(target)
        for j in range(len(ms)):  # the same short phrase quoted by another outlet, or with one word changed
            other_outlet = j != i and ms[j].source != ms[i].source and same_speaker(ms[i], ms[j])
            if other_outlet and (words[j] == words[i] or _one_word_apart(words[i], words[j])):
                parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = {}
    for i in range(len(ms)):
        clusters.setdefault(find(i), []).append(i)
    for _, i, j in _variant_pairs(ms, words):
        a, b = find(i), find(j)
        if a != b and not {ms[k].source for k in clusters[a]} & {ms[k].source for k in clusters[b]}:
            parent[b] = a
            clusters[a].extend(clusters.pop(b))
    groups = [_group([ms[i] for i in members], ctx) for members in clusters.values() if _kept(members, ms, words)]
    return sorted(groups, key=lambda g: (g.subject, g.mentions[0].source, g.mentions[0].start))


def _kept(members: list[int], ms: Sequence[Mention], words: list[list[str]]) -> bool:
    """A short phrase in quote marks with no speaker is a scare quote unless another outlet quotes it too."""
    if len({ms[i].source for i in members}) > 1:
        return True
    return any(ms[i].key or len(words[i]) > SHORT for i in members)


def _same_quote(a: Mention, b: Mention, wa: list[str], wb: list[str], sa: str, sb: str) -> bool:
    """Fuzzy candidate test: near-identical words, or one quote found inside the other with small edits.
    `sa` and `sb` are the words joined by spaces (made once per quote: every pair of a story's quotes is tested)."""
    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if len(short) < 0.3 * len(long_) or _within(sa, sb) or _within(sb, sa):
        return False  # a fragment of a longer quote joins only its best container, not every quote holding it
    long_enough = min(len(wa), len(wb)) >= 6
    speaker = same_speaker(a, b)
    if not (speaker or long_enough):
        return False
    need = 85 if speaker else 95  # the 95: the same long sentence, credited to someone else
    # Only whether a score reaches `need` matters: with a cutoff, rapidfuzz gives up early and returns 0 below it.
    close = (
        fuzz.ratio(sa, sb, score_cutoff=need)
        or fuzz.partial_ratio(short, long_, score_cutoff=need)
        or (long_enough and fuzz.token_set_ratio(sa, sb, score_cutoff=need + 5))
    )
    if not close:
        return False
    # Only then the word diff (the costly test, so most pairs never pay for it).
    named = bool(a.key and b.key) and speaker  # one named speaker: renderings may vary more
    # the same phrase inside two different sentences is not one sentence rendered twice
    return _inner_changes(wa, wb) <= max(2, len(min(wa, wb, key=len)) // (2 if named else 4))


def _inner_changes(a: Sequence[str], b: Sequence[str]) -> int:
    """Words added, dropped or changed between the first and the last word the two quotes share, in order."""
    ops = word_diff(" ".join(a), " ".join(b))
    equal = [k for k, (op, _) in enumerate(ops) if op == 0]
    if not equal:
        return max(len(a), len(b))
    return sum(len(chunk.split()) for op, chunk in ops[equal[0] : equal[-1]] if op != 0)


def _variant_pairs(ms: Sequence[Mention], words: list[list[str]]) -> list[tuple[float, int, int]]:
    """Renderings of one named speaker's remark in other words (another translation), best first.

    They share at least VARIANT_SHARED content words, weighted by rarity among the story's quotes so that the
    topic every quote repeats counts little, covering VARIANT_COVER of the shorter rendering.
    """
    content = [_content_words(w) for w in words]
    counts: dict[str, int] = {}
    for found in content:
        for w in found:
            counts[w] = counts.get(w, 0) + 1
    weight = {w: math.log((len(ms) + 5) / (c + 0.5)) for w, c in counts.items()}
    pairs = []
    for i, j in itertools.combinations(range(len(ms)), 2):
        if ms[i].source == ms[j].source or not (ms[i].key and ms[j].key) or not same_speaker(ms[i], ms[j]):
            continue
        shared = content[i] & content[j]
        if len(shared) < VARIANT_SHARED or min(len(words[i]), len(words[j])) <= SHORT:
            continue
        mass = min(sum(weight[w] for w in content[i]), sum(weight[w] for w in content[j]))
        cover = sum(weight[w] for w in shared) / mass
        if cover >= VARIANT_COVER:
            pairs.append((-cover, i, j))
    return sorted(pairs)


def _content_words(words: list[str]) -> frozenset[str]:
    """Words that carry meaning, crudely stemmed ("ending" = "end"), the United States folded to "us"."""
    out = set()
    for word in words:
        if word in US_NAMES:
            out.add("us")
        elif word not in STOP_WORDS and len(word) > 2:
            out.add(re.sub(r"(?<=\w{3})(?:ing|ed|es|s)$", "", word))
    return frozenset(out)


def _best_container(
    i: int, ms: Sequence[Mention], words: list[list[str]], texts: list[str], fragment_only: bool = False
) -> int | None:
    """A partial quote joins the longest other outlet's quote by the same speaker that contains its words (a
    speaker left unnamed by one outlet counts as the same). `fragment_only`: only longer quotes (equal ones were
    joined already)."""
    best = None
    for j in _containers(i, ms, words, texts):
        if fragment_only and len(words[j]) <= len(words[i]):
            continue
        if best is None or len(words[j]) > len(words[best]):
            best = j
    return best


def _containers(i: int, ms: Sequence[Mention], words: list[list[str]], texts: list[str]) -> list[int]:
    """Other outlets' quotes by the same speaker (or an unnamed one) that contain quote i's words, in order
    (`texts`: each quote's words joined by spaces)."""
    out = []
    for j, other in enumerate(ms):
        if j == i or other.source == ms[i].source or not same_speaker(ms[i], other):
            continue
        if not (ms[i].key or len(words[i]) >= 2 or other.key):
            continue  # one unattributed word inside another unattributed quote is a coincidence
        if _within(texts[i], texts[j]):
            out.append(j)
    return out


def _one_word_apart(short: list[str], other: list[str]) -> bool:
    """Two short quotes of at least three words where one word is added, dropped or changed ("I am peace" /
    "I am at peace"): one remark reported differently, which the verdict then names."""
    if min(len(short), len(other)) < 3 or abs(len(short) - len(other)) > 1:
        return False
    ops = word_diff(" ".join(short), " ".join(other))
    dropped = sum(len(chunk.split()) for op, chunk in ops if op < 0)
    added = sum(len(chunk.split()) for op, chunk in ops if op > 0)
    return dropped <= 1 and added <= 1


def _within(inner: str, outer: str) -> bool:
    """Whether a quote's words (joined by spaces) are a run of another's: no word holds a space, so a substring
    test of the texts padded with spaces says it (in C: comparing slices word by word was much of aligning)."""
    return bool(inner) and f" {inner} " in f" {outer} "


def same_speaker(a: Mention, b: Mention) -> bool:
    """Variants of one name (surname match, transliterations), or a speaker left unnamed by one outlet."""
    if not a.key or not b.key:
        return True
    return _same_name(a.key, b.key)


@functools.lru_cache(maxsize=1 << 14)  # a story's few speakers, compared for every pair of its quotes
def _same_name(a: str, b: str) -> bool:
    return a == b or fuzz.ratio(a, b) >= 80 or Levenshtein.distance(a, b) <= 1


def _group(members: list[Mention], ctx: StoryContext) -> Group:
    members.sort(key=lambda m: (m.source, m.start, m.end))
    canonical = max(members, key=lambda m: (len(normalise(m.value or m.text)), m.value or m.text))
    speaker = _speaker_name(members, ctx)
    label = quote_label(speaker, canonical.value or canonical.text)
    subject = " ".join(
        [canonical.key or "unattributed", *[w for w in normalise(canonical.value or canonical.text) if w != EDIT][:6]]
    )
    status, verdict = _verdict(members, ctx)
    return Group(
        "quote",
        tuple(members),
        single_or(status, members),
        verdict if len({m.source for m in members}) > 1 else "Reported by one outlet only",
        label,
        subject,
    )


def _speaker_name(members: list[Mention], ctx: StoryContext) -> str:
    """The fullest name any outlet gives the speaker."""
    credited = [m for m in members if m.key and not m.speaker_inferred] or [m for m in members if m.key]
    names = [ctx.entities.resolve(m.speaker) or "" for m in credited]
    return max(names, key=lambda n: (len(n.split()), n), default="")


def _verdict(members: list[Mention], ctx: StoryContext) -> tuple[str, str]:
    """agree / differ with the difference in words: changed words first, then the same words credited to two
    differently named persons (a role, an organisation or a bare surname is not evidence of another speaker)."""
    pairs = [(a, b) for x, a in enumerate(members) for b in members[x + 1 :] if a.source != b.source]
    pairs.sort(key=lambda p: -min(len(p[0].value or p[0].text), len(p[1].value or p[1].text)))
    for a, b in pairs:
        result = compare(normalise(a.value or a.text), normalise(b.value or b.text), _ends(a), _ends(b))
        if result.differences:
            va, vb = a.value or a.text, b.value or b.text
            shown = "; ".join(
                f"“{as_written(va, da)}” ({_outlet(a, ctx)}) vs “{as_written(vb, db)}” ({_outlet(b, ctx)})"
                for da, db in result.differences[:2]
            )
            return "differ", "Outlets differ in wording: " + shown
    # A speaker we traced from "she said" is our reading, not the outlet's credit: no evidence of a difference.
    named = [m for m in members if m.key and m.speaker and len(m.speaker.split()) >= 2 and not m.speaker_inferred]
    if any(not same_speaker(a, b) for a in named for b in named):
        speakers = sorted({ctx.entities.resolve(m.speaker) or m.speaker for m in named})
        return "differ", "Outlets credit different speakers: " + " vs ".join(speakers)
    return "agree", "Outlets agree on the words"


def as_written(value: str, passage: str) -> str:
    """The outlet's own words for a compared passage (case, apostrophes, spelling as published), found as the
    shortest run of the quote's words that normalises to it; the normalised words if none does."""
    target = passage.split()
    tokens = value.split()
    for size in range(max(1, len(target) - 2), len(target) + 4):
        for i in range(len(tokens) - size + 1):
            run = " ".join(tokens[i : i + size])
            if [w for w in normalise(run) if w != EDIT] == target:
                return run.strip(",.;:!?“”\"‘’'")
    return passage


def _ends(m: Mention) -> bool:
    """A full quoted sentence (capital first, full stop last): words another outlet has after it are a change."""
    value = (m.value or m.text).strip("“”\"‘’' ")
    return value[:1].isupper() and value.endswith((".", "!", "?"))


def _outlet(m: Mention, ctx: StoryContext) -> str:
    source = ctx.sources.get(m.source)
    return source.outlet if source else m.source
