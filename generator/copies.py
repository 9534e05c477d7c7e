"""Copies are not corroboration: which of a story's articles carry one text (a wire story, a press release).

Two outlets that print the same agency text agree because they print the same
words, not because each found the fact. Articles are compared sentence by
sentence (rapidfuzz on folded sentences, long sentences only, so shared
boilerplate does not count); a pair is one text when a large share of the
shorter article's sentences (by characters) is shared, or when both credit the
same agency in a dateline and share several sentences. Pairs join into copy
groups. Deterministic: sources are compared in id order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from generator.model import Source

MIN_WORDS = 8  # shorter sentences (datelines, credits, "Police said.") are boilerplate, not evidence
SAME_SENTENCE = 90  # rapidfuzz ratio at which two sentences are one sentence, lightly edited
COPY_SENTENCES = 3  # a passage, not a shared opening line or two (an alert both outlets rewrote)
COPY_SHARE = 0.10  # of the shorter article's sentence characters: more than a borrowed paragraph
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_DATELINE_CREDIT = re.compile(r"^[^\n]{0,60}?\(([A-Z][\w .&-]{1,40})\)\s*[-–—]", re.M)


@dataclass(frozen=True)
class CopyPair:
    """Evidence that two articles carry one text."""

    a: str
    b: str
    shared_sentences: int
    share: float  # of the shorter article's sentence characters, rounded to 2 places
    credit: str | None  # the agency both datelines credit, if any


@dataclass(frozen=True)
class CopyGroup:
    """Articles of one story that carry one text, with the pairwise evidence."""

    sources: tuple[str, ...]
    pairs: tuple[CopyPair, ...]
    credit: str | None = None  # the agency credited, when the texts say

    def describe(self, outlets: dict[str, str]) -> str:
        """'The National, Inquirer: one text (Reuters)'."""
        names = ", ".join(outlets.get(s, s) for s in self.sources)
        return f"{names}: one {self.credit + ' ' if self.credit else ''}text"


@functools.lru_cache(maxsize=256)  # a story compares every pair of its articles: fold each article once
def sentences(source: Source) -> tuple[str, ...]:
    """The article's long sentences, folded (lower case, words only), furniture left out."""
    body = source.text[source.body.start : source.body.end]
    for span in sorted(source.furniture, key=lambda s: s.start, reverse=True):
        if source.body.contains(span):
            lo, hi = span.start - source.body.start, span.end - source.body.start
            body = body[:lo] + "\n" + body[hi:]
    out = []
    for piece in _SENTENCE_END.split(body):
        words = re.findall(r"\w+", _QUOTED.sub(" ", piece).lower())
        if len(words) >= MIN_WORDS:
            out.append(" ".join(words))
    return tuple(out)


def dateline_credit(source: Source) -> str | None:
    """The agency a dateline credits: 'ATHENS, Greece (AP) —' gives 'AP'."""
    body = source.text[source.body.start : source.body.end]
    match = _DATELINE_CREDIT.search(body[:400])
    return match.group(1).strip() if match else None


def compare(a: Source, b: Source) -> CopyPair:
    """How much of the shorter article the other one repeats."""
    sa, sb = sentences(a), sentences(b)
    if len(sa) > len(sb) or (len(sa) == len(sb) and sum(map(len, sa)) > sum(map(len, sb))):
        sa, sb = sb, sa
    shared = 0
    shared_chars = 0
    remaining = list(sb)
    for sentence in sa:
        if not remaining:
            break
        best = process.extractOne(sentence, remaining, scorer=fuzz.ratio, score_cutoff=SAME_SENTENCE)
        if best is not None:
            shared += 1
            shared_chars += len(sentence)
            remaining.pop(best[2])  # each sentence of the other article is used once
    total = sum(map(len, sa))
    credit_a, credit_b = dateline_credit(a), dateline_credit(b)
    credit = credit_a if credit_a and credit_a == credit_b else None
    return CopyPair(a.id, b.id, shared, round(shared_chars / total, 2) if total else 0.0, credit)


def is_copy(pair: CopyPair) -> bool:
    return pair.shared_sentences >= COPY_SENTENCES and pair.share >= COPY_SHARE


def detect(sources: Sequence[Source]) -> tuple[CopyGroup, ...]:
    """Copy groups of a story: connected articles whose pairs are copies, each group in id order."""
    ordered = sorted(sources, key=lambda s: s.id)
    pairs = [compare(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    copies = [p for p in pairs if is_copy(p)]
    parent = {s.id: s.id for s in ordered}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for p in copies:
        ra, rb = root(p.a), root(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for s in ordered:
        members.setdefault(root(s.id), []).append(s.id)
    groups = []
    for ids in members.values():
        if len(ids) < 2:
            continue
        evidence = tuple(p for p in copies if p.a in ids)
        credits = {p.credit for p in evidence if p.credit} | {dateline_credit(s) for s in ordered if s.id in ids}
        credits.discard(None)
        groups.append(CopyGroup(tuple(ids), evidence, min(credits) if len(credits) == 1 else None))
    return tuple(sorted(groups, key=lambda g: g.sources))


def independent(source_ids: Iterable[str], groups: Sequence[CopyGroup]) -> int:
    """How many independent texts a set of outlets amounts to: copies of one text count once."""
    of = {s: g.sources[0] for g in groups for s in g.sources}
    return len({of.get(s, s) for s in source_ids})


def copy_note(source_ids: Iterable[str], groups: Sequence[CopyGroup], outlets: dict[str, str]) -> str | None:
    """'3 outlets, 2 independent texts (USA Today and Fox News carry one text)'; None when all are independent."""
    ids = sorted(set(source_ids))
    count = independent(ids, groups)
    if len(ids) < 2 or count == len(ids):
        return None
    shared = [g for g in groups if len(set(g.sources) & set(ids)) > 1]
    parts = []
    for g in shared:
        names = [outlets.get(s, s) for s in g.sources if s in ids]
        agency = f"one {g.credit} text" if g.credit else "one text"
        parts.append(" and ".join([", ".join(names[:-1]), names[-1]]) + f" carry {agency}")
    texts = "one text: not independent confirmation" if count == 1 else f"{count} independent texts"
    return f"{len(ids)} outlets, {texts} ({'; '.join(parts)})"


def annotate(groups: Sequence, copies: Sequence[CopyGroup], outlets: dict[str, str]) -> list:
    """Add the copy note to the verdict of every compared fact whose outlets include copies of one text."""
    out = []
    for g in groups:
        note = copy_note({m.source for m in g.mentions}, copies, outlets) if g.status != "single" else None
        out.append(replace(g, verdict=f"{g.verdict}. {note}") if note else g)
    return out
