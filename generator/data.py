"""The published data files: comparison.json (the contract), anchors.json and facts.csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from json.encoder import encode_basestring

from generator import anchors, copies, urls
from generator.model import Fact, Mention, Source, Story
from generator.pipeline import SiteModel

SCHEMA_VERSION = 1


def comparison_json(model: SiteModel, fragments: dict[str, str] | None = None) -> str:
    """The contract file; each story's part may come ready-made (`story_fragment`, cached with its pages)."""
    fragments = fragments or {}
    pieces = ComparisonPieces(model)
    stories = [pieces.story(fragments.get(s.id) or story_fragment(s)) for s in model.stories if s.sources]
    return pieces.head + "".join(stories) + pieces.end()


class ComparisonPieces:
    """comparison.json in pieces to write one after another: its head, each story's part in the stories' order,
    its end. A large site's file is written as its stories are rendered, never whole in memory."""

    def __init__(self, model: SiteModel):
        sources = sorted((s for story in model.stories for s in story.sources), key=lambda s: s.id)
        payload = {"schema_version": SCHEMA_VERSION, "sources": [_source(s) for s in sources], "stories": []}
        whole = indented_json(payload)
        assert whole.endswith('"stories": []\n}')
        self.head = whole[: -len("]\n}")]
        self._stories = 0

    def story(self, fragment: str) -> str:
        """A story's part (`story_fragment`), after the one before it."""
        self._stories += 1
        return ("\n  " if self._stories == 1 else ",\n  ") + fragment

    def end(self) -> str:
        return "\n ]\n}\n" if self._stories else "]\n}\n"


def story_fragment(story: Story) -> str:
    """One story's entry of comparison.json, indented as it stands there (the list of stories, two levels in).

    Made once per story and cached with its pages: the file is joined from parts.
    """
    payload = {
        "id": story.id,
        "title": story.title,
        "url": urls.story_page(story.id),
        "sources": [s.id for s in story.sources],
        "facts": [
            {**_fact(f), "independent_sources": copies.independent(f.sources, story.copies)} for f in story.facts
        ],
        "copies": _copies(story),
    }
    return indented_json(payload, depth=2)


def indented_json(value: object, depth: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)`, `depth` levels in, byte for byte, at about twice its
    speed: with an indent, `json` encodes in pure Python, through a generator per nested list and dict, and
    comparison.json has several of those per mention."""
    out: list[str] = []
    _indented(value, depth, out)
    return "".join(out)


def _indented(value: object, depth: int, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True or value is False:
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(json.dumps(value))  # its spelling of inf and nan included
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + " " * (depth + 1)
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise TypeError(f"comparison.json keys are strings, not {key!r}")
            out.append(("," if i else "") + inner + encode_basestring(key) + ": ")
            _indented(item, depth + 1, out)
        out.append("\n" + " " * depth + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = "\n" + " " * (depth + 1)
        out.append("[")
        for i, item in enumerate(value):
            out.append(("," if i else "") + inner)
            _indented(item, depth + 1, out)
        out.append("\n" + " " * depth + "]")
    else:
        raise TypeError(f"{type(value).__name__} is not JSON")


def anchors_json(model: SiteModel) -> Iterator[str]:
    """anchors.json in pieces (`anchors.dump`)."""
    live = {f.id: urls.fact(story.id, f.id) for story in model.stories for f in story.outline}
    where = {
        r.id: (live.get(r.target) if r.status == "alias" else None) or live.get(r.id) or urls.fact(r.story, r.id)
        for r in model.anchors
    }
    return anchors.dump(model.anchors, where)


FACTS_CSV_COLUMNS = (
    "story",
    "fact_id",
    "url",
    "kind",
    "label",
    "status",
    "verdict",
    "source",
    "outlet",
    "mentions",
    "text",
    "value",
    "speaker",
    "attributed_to",
    "start",
    "end",
)


def facts_csv(model: SiteModel, chunks: dict[str, str] | None = None) -> str:
    """One row per fact and outlet that states it, for spreadsheets; a story's rows may come ready-made
    (`story_rows`, cached with its pages).

    Outlets that do not mention a fact get no row (the story's outlets are in
    comparison.json): a row for every fact and outlet would grow with facts x
    outlets, a gigabyte for a story of a few thousand short files.
    """
    chunks = chunks or {}
    rows = (chunks[s.id] if s.id in chunks else story_rows(s) for s in model.stories)
    return FACTS_CSV_HEADER + "".join(rows)


def _csv_header() -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(FACTS_CSV_COLUMNS)
    return buf.getvalue()


FACTS_CSV_HEADER = _csv_header()  # facts.csv is this line, then each story's rows (`story_rows`) in order


def story_rows(story: Story) -> str:
    """One story's rows of facts.csv."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for fact in story.facts:
        by_source: dict[str, list[Mention]] = {}
        for m in fact.mentions:
            by_source.setdefault(m.source, []).append(m)
        for source in story.sources:
            ms = by_source.get(source.id)
            if not ms:
                continue
            first = ms[0]
            writer.writerow(
                [
                    story.id,
                    fact.id,
                    urls.fact(story.id, fact.id),
                    fact.kind,
                    fact.label,
                    fact.status,
                    fact.verdict,
                    source.id,
                    source.outlet,
                    len(ms),
                    first.text,
                    first.value or "",
                    first.speaker or "",
                    first.attributed_to or "",
                    first.start,
                    first.end,
                ]
            )
    return buf.getvalue()


def _source(s: Source) -> dict:
    return {
        "id": s.id,
        "path": s.path,
        "outlet": s.outlet,
        "title": s.title,
        "url": s.url,
        "published": s.published.isoformat() if s.published else None,
        "sha256": s.sha256,
        "author": s.author,
        "kind": s.kind,
        "story": s.story,
        "page": urls.source_page(s.id),
    }


def _fact(f: Fact) -> dict:
    return {
        "id": f.id,
        "url": urls.fact(f.story, f.id),
        "kind": f.kind,
        "label": f.label,
        "status": f.status,
        "verdict": f.verdict,
        "aliases": list(f.aliases),
        "mentions": [_mention(m) for m in f.mentions],
    }


def _copies(story: Story) -> list[dict]:
    """Articles that carry one text, with the evidence: shared sentences and their share of the shorter article."""
    return [
        {
            "sources": list(group.sources),
            "credit": group.credit,
            "evidence": [
                {"sources": [p.a, p.b], "shared_sentences": p.shared_sentences, "share": p.share, "credit": p.credit}
                for p in group.pairs
            ],
        }
        for group in story.copies
    ]


def _mention(m: Mention) -> dict:
    return {
        "source": m.source,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "value": m.value,
        "speaker": m.speaker,
        "attributed_to": m.attributed_to,
        "sentence": {"start": m.sentence.start, "end": m.sentence.end},
    }
