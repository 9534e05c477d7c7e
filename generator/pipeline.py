"""Read everything, build the whole model, then hand it to rendering (as Pelican does).

ingest -> extract (cached) -> align -> anchors. No templates and no file
writing here: `render` turns the model into pages and data.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from generator import anchors, naming
from generator.align import align_story
from generator.cache import MentionCache, cache_key
from generator.extract import ArticleDoc, registered
from generator.ingest import DEFAULT_MAX_BYTES, Problem, read_corpus
from generator.model import Mention, Source, Story

log = logging.getLogger("parallax")


@dataclass(frozen=True)
class BuildConfig:
    seeds: Path
    cache_dir: Path | None = None  # None: no cache
    max_bytes: int = DEFAULT_MAX_BYTES
    previous_anchors: tuple[dict, ...] = ()  # parsed anchors.json of earlier builds and of the lock file


@dataclass(frozen=True)
class SiteModel:
    stories: tuple[Story, ...]
    problems: tuple[Problem, ...]
    anchors: tuple[anchors.AnchorRecord, ...]


def build_model(config: BuildConfig) -> SiteModel:
    corpus = read_corpus(config.seeds, config.max_bytes)
    book = anchors.AnchorBook.from_json(config.previous_anchors)
    by_story: dict[str, list[Source]] = {}
    for source in corpus.sources:
        by_story.setdefault(source.story, []).append(source)

    references = {sid: ref for sources in by_story.values() for sid, ref in _reference_dates(sources).items()}
    mentions = extract_all(corpus.sources, references, MentionCache(config.cache_dir))

    stories: list[Story] = []
    records: list[anchors.AnchorRecord] = []
    for story_id, sources in sorted(by_story.items()):
        story_mentions = [m for s in sources for m in mentions[s.id]]
        groups = align_story(story_id, sources, story_mentions)
        facts, retired, recs = anchors.assign(story_id, groups, book)
        title = corpus.story_titles.get(story_id) or naming.story_title(story_id, [s.title for s in sources])
        stories.append(Story(story_id, title, tuple(sources), tuple(facts), tuple(retired)))
        records.extend(recs)
    for story_id in sorted({r.story for r in book.records.values()} - set(by_story)):
        retired, recs = anchors.retire_story(story_id, book)
        stories.append(Story(story_id, _story_title(story_id), (), (), tuple(retired)))
        records.extend(recs)
    return SiteModel(tuple(stories), corpus.problems, tuple(records))


def extract_all(
    sources: Iterable[Source], references: dict[str, tuple[date | None, bool]], cache: MentionCache
) -> dict[str, list[Mention]]:
    """Mentions per source: from the cache where the text and extractors are unchanged, else parsed now."""
    from generator import nlp

    extractors = registered()
    tags = tuple(e.tag for e in extractors)
    out: dict[str, list[Mention]] = {}
    todo: list[tuple[Source, str]] = []
    for source in sources:
        ref, inferred = references.get(source.id, (None, False))
        spans = (source.body.start, source.body.end, tuple((f.start, f.end) for f in source.furniture))
        key = cache_key(source.text, spans, tags, {"reference": ref, "inferred": inferred, "source": source.id})
        cached = cache.get(key)
        if cached is not None:
            out[source.id] = cached
        else:
            todo.append((source, key))
    if todo:
        docs = nlp.parse(s for s, _ in todo)
        for source, key in todo:
            ref, inferred = references.get(source.id, (None, False))
            article = ArticleDoc(source, docs[source.id], ref, inferred)
            found: list[Mention] = []
            for extractor in extractors:
                found.extend(
                    replace(m, extractor=extractor.tag) for m in _checked(extractor.run(article), source, extractor.tag)
                )
            found.sort(key=lambda m: (m.kind, m.start, m.end, m.text))
            cache.put(key, found)
            out[source.id] = found
    return out


def _checked(mentions: list[Mention], source: Source, tag: str) -> list[Mention]:
    """Keep mentions whose offsets hold and that lie in the article body, outside page furniture."""
    kept = []
    for m in mentions:
        if source.text[m.start : m.end] != m.text:
            log.warning("%s: extractor %s gave bad offsets for %r; dropped", source.path, tag, m.text[:40])
            continue
        if not source.body.contains(m.span) or any(f.overlaps(m.span) for f in source.furniture):
            continue
        kept.append(m)
    return kept


def _reference_dates(sources: list[Source]) -> dict[str, tuple[date | None, bool]]:
    """Each article's anchor for "Tuesday" and "last week": its own date, else the story's earliest.

    Articles in one story report one event, so an undated article is read
    against its siblings' dates; such resolutions are marked as inferred.
    """
    known = sorted(s.published for s in sources if s.published)
    fallback = known[0] if known else None
    return {s.id: (s.published, False) if s.published else (fallback, fallback is not None) for s in sources}


def _story_title(story_id: str) -> str:
    return story_id.replace("-", " ").strip().capitalize()


def read_anchor_files(paths: Iterable[Path]) -> tuple[dict, ...]:
    """Earlier anchors.json files, in priority order; a missing one is no error, an unreadable one is said."""
    payloads = []
    for path in paths:
        try:
            payloads.append(json.loads(Path(path).read_text(encoding="utf-8")))
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:
            log.warning("%s: earlier anchors unreadable (%s); ids published there may be lost", path, exc)
    return tuple(p for p in payloads if isinstance(p, dict))
