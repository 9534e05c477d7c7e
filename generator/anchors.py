"""The only place ids are made: permanent fact anchors, and what old anchors became.

A fact's id comes from what the fact is (kind and subject: speaker and opening
words of a quote, what a number counts, the entity named), never from its order
on the page. Once published, an id is kept by whichever fact inherits most of
its mentions, so adding or removing articles does not move it; an id whose fact
merged into another becomes an alias of it, and one whose fact vanished is
retired with a note. `anchors.json` carries every id ever published.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.align import Group
from generator.entities import fold
from generator.ingest import slugify
from generator.model import Fact, Mention, RetiredAnchor

SCHEMA_VERSION = 1
MAX_SLUG_WORDS = 7


@dataclass(frozen=True)
class AnchorRecord:
    """One published id and where it leads now."""

    id: str
    story: str
    kind: str
    label: str
    status: str  # current | alias | retired
    target: str | None  # the fact id it resolves to (itself when current)
    members: tuple[str, ...] = ()  # fingerprints of the mentions it named when last current

    def to_json(self) -> dict:
        return {
            "story": self.story,
            "kind": self.kind,
            "label": self.label,
            "status": self.status,
            "target": self.target,
            "members": list(self.members),
        }


@dataclass
class AnchorBook:
    """Every id published so far, read back from earlier builds."""

    records: dict[str, AnchorRecord] = field(default_factory=dict)

    @classmethod
    def from_json(cls, payloads: Iterable[dict]) -> AnchorBook:
        book = cls()
        for payload in payloads:
            for fid, rec in sorted((payload.get("anchors") or {}).items()):
                if not isinstance(rec, dict) or fid in book.records:
                    continue
                book.records[fid] = AnchorRecord(
                    id=fid,
                    story=str(rec.get("story", "")),
                    kind=str(rec.get("kind", "")),
                    label=str(rec.get("label", "")),
                    status=str(rec.get("status", "current")),
                    target=rec.get("target"),
                    members=tuple(str(m) for m in rec.get("members", [])),
                )
        return book


def fingerprint(m: Mention, occurrence: int = 1) -> str:
    """What identifies a mention across rebuilds: its source, kind and exact words.

    The same words said twice in one article ("January 8" in two sentences) are told apart by
    their order; the first keeps the bare form, so ids published before this rule still match.
    """
    digest = hashlib.sha1(" ".join(m.text.split()).encode()).hexdigest()[:12]
    return f"{m.source}:{m.kind}:{digest}" + (f":{occurrence}" if occurrence > 1 else "")


def _fingerprints(groups: Sequence[Group]) -> list[frozenset[str]]:
    """Every group's mention fingerprints, repeated words numbered in article order."""
    ordered = sorted((m.source, m.kind, m.start, m.end, gi, m) for gi, g in enumerate(groups) for m in g.mentions)
    seen: dict[str, int] = {}
    prints: list[set[str]] = [set() for _ in groups]
    for *_, gi, m in ordered:
        bare = fingerprint(m)
        seen[bare] = seen.get(bare, 0) + 1
        prints[gi].add(fingerprint(m, seen[bare]))
    return [frozenset(p) for p in prints]


def base_id(kind: str, subject: str) -> str:
    words = slugify(fold(subject)).split("-")[:MAX_SLUG_WORDS]
    slug = "-".join(w for w in words if w) or "fact"
    return f"{kind}-{slug}"


def assign(
    story: str, groups: Sequence[Group], book: AnchorBook
) -> tuple[list[Fact], list[RetiredAnchor], list[AnchorRecord]]:
    """Give every group an id (reusing published ones), and say what became of the rest.

    Returns the story's facts, the retired anchors to show on its page, and the
    records for this story to publish in anchors.json.
    """
    prints = _fingerprints(groups)
    previous = [r for r in book.records.values() if r.story == story]
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()

    # 1. Published ids go to the group that inherits most of their mentions.
    holder: dict[str, int] = {fp: gi for gi, fps in enumerate(prints) for fp in fps}
    shared = {rec.id: _shared_counts(rec, holder, groups) for rec in previous}
    claims = sorted((-n, rec.status != "current", rec.id, gi) for rec in previous for gi, n in shared[rec.id].items())
    for _, _, rid, gi in claims:
        if ids[gi] is None and rid not in taken:
            ids[gi] = rid
            taken.add(rid)

    # 2. New facts get an id made from what they are; never one published before.
    known = set(book.records) | taken
    for gi, group in sorted(enumerate(groups), key=lambda p: (base_id(p[1].kind, p[1].subject), sorted(prints[p[0]]))):
        if ids[gi] is not None:
            continue
        candidate = base = base_id(group.kind, group.subject)
        n = 2
        while candidate in known:
            candidate, n = f"{base}-{n}", n + 1
        ids[gi] = candidate
        known.add(candidate)
        taken.add(candidate)

    # 3. Ids no fact kept: an alias of the fact that took their mentions, else retired.
    aliases: dict[int, list[str]] = {}
    retired: list[RetiredAnchor] = []
    records: list[AnchorRecord] = []
    for rec in sorted(previous, key=lambda r: r.id):
        if rec.id in taken:
            continue
        counts = shared[rec.id]
        if counts:
            best = min(counts, key=lambda gi: (-counts[gi], gi))
            aliases.setdefault(best, []).append(rec.id)
            records.append(AnchorRecord(rec.id, story, rec.kind, rec.label, "alias", ids[best], rec.members))
        else:
            note = "This fact is no longer found in the articles of this story (an article was removed or changed)."
            retired.append(RetiredAnchor(rec.id, rec.label, note))
            records.append(AnchorRecord(rec.id, story, rec.kind, rec.label, "retired", None, rec.members))

    facts = []
    for gi, group in enumerate(groups):
        fid = ids[gi]
        assert fid is not None
        facts.append(
            Fact(
                id=fid,
                story=story,
                kind=group.kind,
                label=group.label,
                status=group.status,
                verdict=group.verdict,
                mentions=tuple(sorted(group.mentions, key=lambda m: (m.source, m.start, m.end))),
                subject=group.subject,
                aliases=tuple(sorted(aliases.get(gi, []))),
            )
        )
        records.append(AnchorRecord(fid, story, group.kind, group.label, "current", fid, tuple(sorted(prints[gi]))))
    return facts, retired, records


def _shared_counts(rec: AnchorRecord, holder: dict[str, int], groups: Sequence[Group]) -> dict[int, int]:
    """How many of a published id's mentions each new group of the same kind holds."""
    counts: dict[int, int] = {}
    for member in rec.members:
        gi = holder.get(member)
        if gi is not None and groups[gi].kind == rec.kind:
            counts[gi] = counts.get(gi, 0) + 1
    return counts


def retire_story(story: str, book: AnchorBook) -> tuple[list[RetiredAnchor], list[AnchorRecord]]:
    """A story that vanished entirely: all its ids are retired, and its page stays as a notice."""
    retired, records = [], []
    for rec in sorted((r for r in book.records.values() if r.story == story), key=lambda r: r.id):
        note = "The articles of this story are no longer part of the site."
        retired.append(RetiredAnchor(rec.id, rec.label, note))
        records.append(AnchorRecord(rec.id, story, rec.kind, rec.label, "retired", None, rec.members))
    return retired, records


def dump(records: Sequence[AnchorRecord], urls: dict[str, str]) -> str:
    """anchors.json: every id ever published, with the URL it resolves to now."""
    payload = {
        "schema_version": SCHEMA_VERSION,
        "anchors": {r.id: {**r.to_json(), "url": urls[r.id]} for r in sorted(records, key=lambda r: r.id)},
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def version_anchor(fact_id: str, source_id: str) -> str:
    """Id of one outlet's version of a fact on the story page: stable as long as both are."""
    return f"{fact_id}--{source_id}"


def mention_anchor(m: Mention) -> str:
    """Id of a mention on its source page; follows the text, so it holds while the article is unchanged."""
    return f"m-{m.kind}-{m.start}-{m.end}"
