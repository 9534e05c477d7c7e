"""The only place ids are made: permanent fact anchors, and what old anchors became.

A fact's id comes from what the fact is (kind and subject: speaker and opening
words of a quote, what a number counts, the entity named), never from its order
on the page. Ids are unique across the whole site: a new id is never one that
another story (in this build or an earlier one) has used. Once published, an id
is kept by whichever fact inherits most of the mentions it was first published
with (its origin), so adding or removing articles does not move it and it never
comes to name another fact while its own sentences are still there; an id whose
fact merged into another becomes an alias of it, and one whose fact vanished is
retired with a note. `anchors.json` carries every id ever published.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
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
    origin: tuple[str, ...] = ()  # fingerprints of the mentions it named when first published

    def to_json(self) -> dict:
        payload = {
            "story": self.story,
            "kind": self.kind,
            "label": self.label,
            "status": self.status,
            "target": self.target,
            "members": list(self.members),
        }
        if self.origin and self.origin != self.members:
            payload["origin"] = list(self.origin)
        return payload

    def moved(self, status: str, target: str | None, label: str | None = None, members=None) -> AnchorRecord:
        """The same id in a later build: its origin never changes."""
        members = self.members if members is None else tuple(members)
        return AnchorRecord(
            self.id, self.story, self.kind, label or self.label, status, target, members, self.origin or self.members
        )


@dataclass
class AnchorBook:
    """Every id published so far, read back from earlier builds, and the ids this build has given out."""

    records: dict[str, AnchorRecord] = field(default_factory=dict)
    issued: set[str] = field(default_factory=set)  # ids given to facts of any story in this build
    _by_story: dict[str, list[AnchorRecord]] | None = field(default=None, init=False, repr=False, compare=False)

    def of_story(self, story: str) -> list[AnchorRecord]:
        """The published records of one story, in the book's order (indexed once: a build asks for every story)."""
        if self._by_story is None or sum(map(len, self._by_story.values())) != len(self.records):
            self._by_story = {}
            for rec in self.records.values():
                self._by_story.setdefault(rec.story, []).append(rec)
        return list(self._by_story.get(story, ()))

    def is_taken(self, fid: str) -> bool:
        """Whether an id was published before or given out in this build."""
        return fid in self.records or fid in self.issued

    @classmethod
    def from_json(cls, payloads: Iterable[dict]) -> AnchorBook:
        book = cls()
        for payload in payloads:
            for fid, rec in sorted((payload.get("anchors") or {}).items()):
                if not isinstance(rec, dict) or not isinstance(fid, str) or fid in book.records:
                    continue
                members = _strings(rec.get("members"))
                book.records[fid] = AnchorRecord(
                    id=fid,
                    story=str(rec.get("story", "")),
                    kind=str(rec.get("kind", "")),
                    label=str(rec.get("label", "")),
                    status=str(rec.get("status", "current")),
                    target=rec.get("target") if isinstance(rec.get("target"), str) else None,
                    members=members,
                    origin=_strings(rec.get("origin")) or members,
                )
        return book


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


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
    records for this story to publish in anchors.json. The ids given out are
    added to `book.issued`, so that no other story of the build can take them.
    """
    prints = _fingerprints(groups)
    previous = book.of_story(story)
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()

    # 1. Published ids go to the group that holds most of the mentions they were first published with
    #    (then most of those they named last); never to a group without them while those are still here.
    holder: dict[str, int] = {fp: gi for gi, fps in enumerate(prints) for fp in fps}
    shares = {rec.id: _shares(rec, holder, groups) for rec in previous}
    claims = sorted(
        (-o, -n, rec.status != "current", rec.id, gi) for rec in previous for gi, (o, n) in shares[rec.id].items()
    )
    for _, _, _, rid, gi in claims:
        if ids[gi] is None and rid not in taken:
            ids[gi] = rid
            taken.add(rid)

    # 2. New facts get an id made from what they are; never one published before or issued to another story.
    for gi, group in sorted(enumerate(groups), key=lambda p: (base_id(p[1].kind, p[1].subject), sorted(prints[p[0]]))):
        if ids[gi] is not None:
            continue
        candidate = base = base_id(group.kind, group.subject)
        n = 2
        while candidate in taken or book.is_taken(candidate):
            candidate, n = f"{base}-{n}", n + 1
        ids[gi] = candidate
        taken.add(candidate)
    book.issued |= taken

    # 3. Ids no fact kept: an alias of the fact that took their mentions, else retired.
    aliases: dict[int, list[str]] = {}
    retired: list[RetiredAnchor] = []
    records: list[AnchorRecord] = []
    for rec in sorted(previous, key=lambda r: r.id):
        if rec.id in taken:
            continue
        counts = shares[rec.id]
        if counts:
            best = min(counts, key=lambda gi: (-counts[gi][0], -counts[gi][1], gi))
            aliases.setdefault(best, []).append(rec.id)
            records.append(rec.moved("alias", ids[best]))
        else:
            note = "This fact is no longer found in the articles of this story (an article was removed or changed)."
            retired.append(RetiredAnchor(rec.id, rec.label, note))
            records.append(rec.moved("retired", None))

    published = {rec.id: rec for rec in previous}
    facts = []
    for gi, group in enumerate(groups):
        fid = ids[gi]
        assert fid is not None
        facts.append(fact_of(story, group, fid, tuple(sorted(aliases.get(gi, [])))))
        members = tuple(sorted(prints[gi]))
        if fid in published:
            records.append(published[fid].moved("current", fid, group.label, members))
        else:
            records.append(AnchorRecord(fid, story, group.kind, group.label, "current", fid, members, members))
    return facts, retired, records


def fact_of(story: str, group: Group, fid: str, aliases: tuple[str, ...]) -> Fact:
    """A group as a fact of the story, under the id (and earlier ids) `assign` gave it."""
    return Fact(
        id=fid,
        story=story,
        kind=group.kind,
        label=group.label,
        status=group.status,
        verdict=group.verdict,
        mentions=tuple(sorted(group.mentions, key=lambda m: (m.source, m.start, m.end))),
        subject=group.subject,
        aliases=aliases,
    )


def only_published(facts: Sequence[Fact], records: Sequence[AnchorRecord]) -> bool:
    """Whether every fact kept an id its story had published (none was made new), so that `assign` gave
    what it gave from the story's own records alone, whatever other stories published."""
    published = {r.id for r in records}
    return all(f.id in published for f in facts)


def _shares(rec: AnchorRecord, holder: dict[str, int], groups: Sequence[Group]) -> dict[int, tuple[int, int]]:
    """For each group that may take a published id: how many of its origin and of its last mentions it holds.

    A group without any of the origin's mentions may take the id only when none of
    them is left in the build (the articles that said it were removed): otherwise
    the id would come to name another fact.
    """
    origin = rec.origin or rec.members
    from_origin = _shared_counts(origin, rec.kind, holder, groups)
    from_members = _shared_counts(rec.members, rec.kind, holder, groups)
    eligible = from_origin if from_origin else from_members
    return {gi: (from_origin.get(gi, 0), from_members.get(gi, 0)) for gi in eligible}


def _shared_counts(prints: Iterable[str], kind: str, holder: dict[str, int], groups: Sequence[Group]) -> dict[int, int]:
    """How many of the given mention fingerprints each new group of the same kind holds."""
    counts: dict[int, int] = {}
    for member in prints:
        gi = holder.get(member)
        if gi is not None and groups[gi].kind == kind:
            counts[gi] = counts.get(gi, 0) + 1
    return counts


def retire_story(story: str, book: AnchorBook) -> tuple[list[RetiredAnchor], list[AnchorRecord]]:
    """A story that vanished entirely: all its ids are retired, and its page stays as a notice."""
    retired, records = [], []
    for rec in sorted(book.of_story(story), key=lambda r: r.id):
        note = "The articles of this story are no longer part of the site."
        retired.append(RetiredAnchor(rec.id, rec.label, note))
        records.append(rec.moved("retired", None))
    return retired, records


def dump(records: Sequence[AnchorRecord], urls: dict[str, str]) -> Iterator[str]:
    """anchors.json, piece by piece: every id ever published, with the URL it resolves to now; one record per
    id, site-wide. Pieces, so the file (10 MB at 1,000 articles) is written without being held whole."""
    stories: dict[str, str] = {}
    for r in records:
        if stories.setdefault(r.id, r.story) != r.story:
            raise ValueError(f"fact id {r.id} was given to two stories, {stories[r.id]} and {r.story}")
    # One record per line: a rebuild's diff shows which ids moved, and the C encoder writes it (an indented
    # dump is pure Python, most of a warm build's time on this file).
    yield '{\n "anchors": {'
    for i, r in enumerate(sorted(records, key=lambda r: r.id)):
        record = json.dumps({**r.to_json(), "url": urls[r.id]}, ensure_ascii=False, sort_keys=True)
        yield f"{',' if i else ''}\n  {json.dumps(r.id, ensure_ascii=False)}: {record}"
    yield "\n }" if records else "}"
    yield f',\n "schema_version": {SCHEMA_VERSION}\n}}\n'


def version_anchor(fact_id: str, source_id: str, occurrence: int = 1) -> str:
    """Id of one outlet's version of a fact on the story page: stable as long as both are. An outlet that
    states the fact twice with different values has a second version, numbered."""
    return f"{fact_id}--{source_id}" + (f"--{occurrence}" if occurrence > 1 else "")


def mention_anchor(m: Mention) -> str:
    """Id of a mention on its source page; follows the text, so it holds while the article is unchanged."""
    return f"m-{m.kind}-{m.start}-{m.end}"
