"""Read everything, build the whole model, then hand it to rendering (as Pelican does).

ingest -> extract (cached per article) -> align (cached per story) -> anchors.
Extraction and alignment are independent tasks per article and per story, run
by an `executor` (this process, local workers or Dask) and put back in input
order, so the output is the same wherever they ran. No templates and no file
writing here: `render` turns the model into pages and data.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator import anchors, copies, furniture, naming
from generator.align import Group, align_story
from generator.align.names import names_table
from generator.cache import FurnitureCache, MentionCache, cache_key
from generator.copies import CopyGroup
from generator.executor import Executor, flow, make_executor, run_weighted
from generator.extract import ArticleDoc, registered
from generator.furniture import PageFurniture
from generator.ingest import DEFAULT_MAX_BYTES, Problem, read_corpus
from generator.model import DeferredFacts, Fact, FactOutline, Mention, Source, Span, Story
from generator.progress import Progress
from generator.storycache import GroupCache, StoryOutline, StoryOutlines, read_groups, story_key

log = logging.getLogger("parallax")
FURNITURE_PER_TASK = 25  # the tagger on one line per article: cheap, so many articles to a task
ARTICLES_PER_TASK = 2  # small tasks keep both cores busy to the end and the progress bar moving
ALIGN_WEIGHT = 20  # aligning one mention costs about as much as parsing this many words (weighs workers' start)


@dataclass(frozen=True)
class BuildConfig:
    seeds: Path
    cache_dir: Path | None = None  # None: no cache
    max_bytes: int = DEFAULT_MAX_BYTES
    previous_anchors: tuple[dict, ...] = ()  # parsed anchors.json of earlier builds and of the lock file
    workers: int = 0  # local worker processes for parsing and alignment; 0: one per core, 1: none
    dask_scheduler: str | None = None  # a Dask scheduler's address, or "local" for a local cluster


@dataclass(frozen=True)
class SiteModel:
    stories: tuple[Story, ...]
    problems: tuple[Problem, ...]
    anchors: tuple[anchors.AnchorRecord, ...]
    # Each story's alignment key (its sources, mentions and the aligners' code): with the ids given to its groups,
    # all a story's model is made from, so its rendered pages are keyed on it (far cheaper than the whole model).
    story_keys: dict[str, str] = field(default_factory=dict)
    # The cache entries this build's model read or needs (the mentions of a story aligned from the cache included):
    # after a successful build the others are pruned.
    cache_used: frozenset[Path] = field(default=frozenset(), compare=False, repr=False)


@dataclass(frozen=True)
class ArticleJob:
    """One article to extract, with what its extraction depends on besides the text."""

    source: Source
    reference_date: date | None
    reference_inferred: bool


@dataclass(frozen=True)
class StoryJob:
    story: str
    sources: tuple[Source, ...]
    mentions: tuple[Mention, ...]


def build_model(config: BuildConfig, executor: Executor | None = None) -> SiteModel:
    """The whole model of a corpus. Tasks run on `executor` if one is given (the caller closes it: its workers,
    the language model loaded, may render next), else on one made from `config` for this call."""
    furniture_cache = FurnitureCache(config.cache_dir)
    book = anchors.AnchorBook.from_json(config.previous_anchors)
    progress = Progress()
    own = executor is None
    executor = make_executor(config.workers, config.dask_scheduler) if executor is None else executor
    try:
        read_furniture = functools.partial(furniture_cache.read_all, compute=_furniture_on(executor))
        corpus = read_corpus(config.seeds, config.max_bytes, read_furniture)
        by_story: dict[str, list[Source]] = {}
        for source in corpus.sources:
            by_story.setdefault(source.story, []).append(source)
        references = {sid: ref for sources in by_story.values() for sid, ref in _reference_dates(sources).items()}
        keys = {s.id: _mention_key(s, references) for s in corpus.sources}
        group_cache = GroupCache(config.cache_dir)
        story_keys = {sid: story_key(sid, sources, [keys[s.id] for s in sources]) for sid, sources in by_story.items()}
        outlines = StoryOutlines(config.cache_dir)
        outlined = {
            sid: found
            for sid in sorted(by_story)
            if (found := outlines.get(outlines.key(story_keys[sid], book.of_story(sid)))) is not None
        }
        groups_by_story = {
            sid: g
            for sid in sorted(by_story)
            if sid not in outlined and (g := group_cache.get(story_keys[sid])) is not None
        }
        # Only the stories to align again need their articles' mentions: the others never read them.
        ready = outlined.keys() | groups_by_story.keys()
        mention_cache = MentionCache(config.cache_dir)
        used = {mention_cache.path(k) for k in keys.values()} | {group_cache.path(k) for k in story_keys.values()}
        used = (used | furniture_cache.used) - {None}
        stale = {sid: sources for sid, sources in sorted(by_story.items()) if sid not in ready}
        aligned = extract_and_align(stale, references, keys, story_keys, mention_cache, group_cache, executor, progress)
        stories: list[Story] = []
        records: list[anchors.AnchorRecord] = []
        # Stories are taken in order as they are aligned, so ids are given out as in a build of one story at a time,
        # and each story's groups are let go once its facts are made.
        for story_id, sources in sorted(by_story.items()):
            title = corpus.story_titles.get(story_id) or naming.story_title(story_id, [s.title for s in sources])
            aligned_as = story_keys[story_id]
            groups_at = group_cache.path(aligned_as)
            if story_id in outlined:
                story, recs = _outlined_story(story_id, title, sources, outlined[story_id], groups_at, book)
            else:
                while story_id not in groups_by_story:
                    done, groups = next(aligned)
                    groups_by_story[done] = groups
                groups = groups_by_story.pop(story_id)
                story, recs = _aligned_story(story_id, title, sources, groups, groups_at, book, outlines, aligned_as)
            stories.append(story)
            records.extend(recs)
    finally:
        if own:
            executor.close()
        progress.close()

    for story_id in sorted({r.story for r in book.records.values()} - set(by_story)):
        retired, recs = anchors.retire_story(story_id, book)
        stories.append(Story(story_id, _story_title(story_id), (), (), tuple(retired)))
        records.extend(recs)
    return SiteModel(tuple(stories), corpus.problems, tuple(records), story_keys, frozenset(used | outlines.used))


def _outlined_story(
    story_id: str,
    title: str,
    sources: list[Source],
    known: StoryOutline,
    groups_at: Path | None,
    book: anchors.AnchorBook,
) -> tuple[Story, tuple[anchors.AnchorRecord, ...]]:
    """An unchanged story as the last build left it: its outline, its facts read from the cache when drawn."""
    book.issued |= {o.id for o in known.outline}
    load = functools.partial(_cached_facts, story_id, groups_at, known.copies, _outlets(sources), known.outline)
    facts = DeferredFacts(known.outline, load)
    return Story(story_id, title, tuple(sources), facts, known.retired, known.copies, known.names), known.records


def _aligned_story(
    story_id: str,
    title: str,
    sources: list[Source],
    groups: list[Group],
    groups_at: Path | None,
    book: anchors.AnchorBook,
    outlines: StoryOutlines,
    aligned: str,
) -> tuple[Story, list[anchors.AnchorRecord]]:
    """A story's facts from its groups, copies marked and ids given; only an outline when the groups are cached."""
    story_copies = copies.detect(sources)
    groups = copies.annotate(groups, story_copies, _outlets(sources))
    listed = [g for g in groups if g.listed]
    assigned, retired, recs = anchors.assign(story_id, listed, book)
    names = names_table(groups, assigned)
    facts: tuple[Fact, ...] | DeferredFacts = tuple(assigned)
    if groups_at is not None and groups_at.is_file():
        # the groups are in the cache: the model keeps the ids, not the mentions (memory stays with one story)
        outline = FactOutline.of(assigned)
        load = functools.partial(_cached_facts, story_id, groups_at, story_copies, _outlets(sources), outline)
        facts = DeferredFacts(outline, load)
    if outlines.folder is not None:
        _outline_for_next_build(outlines, story_id, aligned, listed, groups, recs, story_copies)
    return Story(story_id, title, tuple(sources), facts, tuple(retired), story_copies, names), recs


def _furniture_on(executor: Executor):
    """`furniture.read_all` in tasks on the build's executor: the tagger reads each article's first line, the
    part of reading a corpus that is not file reading, and the workers load the model they parse with anyway."""

    def compute(pages: Sequence[tuple[str, Span]]) -> list[PageFurniture]:
        batches = [tuple(pages[i : i + FURNITURE_PER_TASK]) for i in range(0, len(pages), FURNITURE_PER_TASK)]
        found: list[list[PageFurniture]] = [[] for _ in batches]
        words = sum(len(text.split()) for text, _ in pages)  # the parse to come: what pays the workers' start
        for i, result in run_weighted(executor, furniture.read_all, batches, words):
            found[i] = result
        return [f for batch in found for f in batch]

    return compute


def _outline_for_next_build(
    outlines: StoryOutlines,
    story_id: str,
    aligned: str,
    listed: list[Group],
    groups: list[Group],
    records: list[anchors.AnchorRecord],
    story_copies: tuple[CopyGroup, ...],
) -> None:
    """Keep what the next build will make of this story if nothing changes: the same groups, against the
    records this build publishes for it. Assigned now (the groups are at hand) and kept only when it needs
    no new id, which would depend on other stories."""
    book = anchors.AnchorBook({r.id: r for r in records})
    facts, retired, recs = anchors.assign(story_id, listed, book)
    if not anchors.only_published(facts, records):
        return
    known = StoryOutline(FactOutline.of(facts), tuple(retired), tuple(recs), story_copies, names_table(groups, facts))
    outlines.put(outlines.key(aligned, records), known)


def _cached_facts(
    story_id: str,
    groups_at: Path,
    story_copies: tuple[CopyGroup, ...],
    outlets: dict[str, str],
    outline: tuple[FactOutline, ...],
) -> tuple[Fact, ...]:
    """A story's facts from its cached groups, marked for copies, under the ids its outline holds."""
    try:
        groups = read_groups(groups_at)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OSError(f"{groups_at}: story cache entry unreadable mid-build ({exc}); build again") from exc
    listed = [g for g in copies.annotate(groups, story_copies, outlets) if g.listed]
    return tuple(anchors.fact_of(story_id, g, o.id, o.aliases) for g, o in zip(listed, outline, strict=True))


def _outlets(sources: list[Source]) -> dict[str, str]:
    return {s.id: s.outlet for s in sources}


def _mention_key(source: Source, references: dict[str, tuple[date | None, bool]]) -> str:
    ref, inferred = references.get(source.id, (None, False))
    spans = (source.body.start, source.body.end, tuple((f.start, f.end) for f in source.furniture))
    tags = tuple(e.tag for e in registered())
    return cache_key(source.text, spans, tags, {"reference": ref, "inferred": inferred, "source": source.id})


def extract_and_align(
    stale: dict[str, list[Source]],
    references: dict[str, tuple[date | None, bool]],
    keys: dict[str, str],
    story_keys: dict[str, str],
    mention_cache: MentionCache,
    group_cache: GroupCache,
    executor: Executor,
    progress: Progress,
) -> Iterator[tuple[str, list[Group]]]:
    """Each stale story's groups as its alignment finishes (in no fixed order), put in the cache.

    Articles whose text and extractors are unchanged take their mentions from the cache; the others are parsed
    and extracted in the executor's workers, so only mentions (never a spaCy `Doc`) travel back. A story is
    aligned as soon as its last article is in, while other articles are still being parsed: the mentions this
    process holds are those of the stories in flight, not of the whole corpus.
    """
    found: dict[str, dict[str, list[Mention]]] = {sid: {} for sid in stale}
    jobs: list[ArticleJob] = []
    for sources in stale.values():
        for source in sources:
            cached = mention_cache.get(keys[source.id], source)
            if cached is not None:
                found[source.story][source.id] = cached
            else:
                jobs.append(ArticleJob(source, *references.get(source.id, (None, False))))
    batches = [tuple(jobs[i : i + ARTICLES_PER_TASK]) for i in range(0, len(jobs), ARTICLES_PER_TASK)]
    words = sum(len(job.source.text.split()) for job in jobs)
    known = sum(len(ms) for by_source in found.values() for ms in by_source.values())
    tasks = flow(executor, words + ALIGN_WEIGHT * known, len(batches) + len(stale))
    progress.add("articles", len(jobs))
    progress.add("stories", len(stale))

    def align_if_complete(story_id: str) -> None:
        sources = stale[story_id]
        if len(found[story_id]) == len(sources):
            by_source = found.pop(story_id)
            mentions = tuple(m for s in sources for m in by_source[s.id])
            tasks.add(align_job, StoryJob(story_id, tuple(sources), mentions), story_id, soon=True)

    for story_id in stale:
        align_if_complete(story_id)
    for batch in batches:
        tasks.add(extract_batch, batch, batch)
    for tag, result in tasks.results():
        if isinstance(tag, str):  # a story aligned
            group_cache.put(story_keys[tag], result)
            progress.advance("stories")
            yield tag, result
            continue
        for job, mentions in zip(tag, result, strict=True):
            mention_cache.put(keys[job.source.id], mentions)
            found[job.source.story][job.source.id] = mentions
        progress.advance("articles", len(tag))
        for story_id in sorted({job.source.story for job in tag}):
            align_if_complete(story_id)


def extract_batch(jobs: Sequence[ArticleJob]) -> list[list[Mention]]:
    """A worker's task: parse a few articles and return their checked, sorted mentions."""
    return [extract_article(job) for job in jobs]


def extract_article(job: ArticleJob) -> list[Mention]:
    from generator import nlp

    source = job.source
    article = ArticleDoc(source, nlp.parse_one(source), job.reference_date, job.reference_inferred)
    found: list[Mention] = []
    for extractor in registered():
        found.extend(
            replace(m, extractor=extractor.tag) for m in _checked(extractor.run(article), source, extractor.tag)
        )
    found.sort(key=lambda m: (m.kind, m.start, m.end, m.text))
    return found


def align_job(job: StoryJob) -> list[Group]:
    """A worker's task: align one story."""
    return align_story(job.story, job.sources, job.mentions)


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
