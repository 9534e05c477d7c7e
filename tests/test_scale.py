"""Scale: long articles in pieces, parallel builds equal to serial ones, per-story alignment cache, progress bar."""

from __future__ import annotations

import io
import json
import logging
import os
import pickle
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED, make_source, tree_differences

from generator import executor, nlp, pipeline
from generator.pipeline import BuildConfig, build_model
from generator.progress import Progress

DEVSET = SHARED / "devset"
ARTICLES = [
    DEVSET / "geysers_quake_2013" / "07_lalate.txt",
    DEVSET / "athens_bank_fire_2010",
    DEVSET / "kimani_gray_2013",
]


def _text(path):
    path = path if path.is_file() else sorted(path.glob("*.txt"))[0]
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.parent.name if p.is_file() else p.name)
@pytest.mark.parametrize("limit", [300, 1000, 4000])
def test_pieces_join_back_exactly_and_end_at_breaks(path, limit):
    text = _text(path)
    parts = nlp.pieces(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(p) <= limit for p in parts)
    for part in parts[:-1]:  # every cut is at a line break, a sentence end or a space, never mid-word
        assert part[-1].isspace(), repr(part[-40:])


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.parent.name if p.is_file() else p.name)
def test_an_article_longer_than_spacys_limit_is_parsed_in_pieces_with_exact_offsets(path, monkeypatch):
    """The old parse raised spaCy's E088 for any text over max_length; now the pieces are parsed and joined."""
    text = _text(path)
    source = make_source(text * 3)
    spacy = nlp.pipeline()  # loaded before the limits are lowered, so they are restored to the real ones
    monkeypatch.setattr(spacy, "max_length", 2001)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 2000)
    doc = nlp.parse_one(source)
    assert doc.text == source.text
    assert all(source.text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    mentions = pipeline.extract_article(pipeline.ArticleJob(source, None, False))
    assert mentions and all(source.text[m.start : m.end] == m.text for m in mentions)


def _two_stories(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    quake = seeds / "geysers"
    quake.mkdir()
    for name in ("01_kgo-abc7.txt", "02_mercurynews.txt", "03_pressdemocrat.txt"):
        shutil.copy(DEVSET / "geysers_quake_2013" / name, quake / name)
    return seeds


def test_worker_processes_give_the_same_model_as_one_process(tmp_path, monkeypatch):
    seeds = _two_stories(tmp_path)
    serial = build_model(BuildConfig(seeds=seeds, workers=1))
    monkeypatch.setattr(executor, "PROCESS_THRESHOLD", 0)  # use the workers even for this small corpus
    parallel = build_model(BuildConfig(seeds=seeds, workers=2))
    assert parallel == serial
    assert sum(len(s.facts) for s in serial.stories) > 50


def test_an_unchanged_story_is_not_aligned_again(tmp_path, monkeypatch):
    seeds = _two_stories(tmp_path)
    cache = tmp_path / "cache"
    first = build_model(BuildConfig(seeds=seeds, cache_dir=cache, workers=1))

    aligned: list[str] = []
    real = pipeline.align_story

    def counting(story, sources, mentions):
        aligned.append(story)
        return real(story, sources, mentions)

    monkeypatch.setattr(pipeline, "align_story", counting)
    assert build_model(BuildConfig(seeds=seeds, cache_dir=cache, workers=1)) == first
    assert aligned == []

    edited = seeds / "geysers" / "02_mercurynews.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOfficials said 14 homes were damaged.\n", "utf-8")
    incremental = build_model(BuildConfig(seeds=seeds, cache_dir=cache, workers=1))
    assert aligned == ["geysers"]
    assert incremental == build_model(BuildConfig(seeds=seeds, workers=1))


def test_an_unchanged_story_is_read_as_its_outline_and_equals_a_fresh_model(tmp_path, monkeypatch):
    """Given the ids its last build published, an unchanged story's groups are not even read: its outline
    (ids, copies, names) stands in, its facts load only when asked, and the model equals a fresh one."""
    from generator import data, storycache
    from generator.model import DeferredFacts

    seeds, cache = _two_stories(tmp_path), tmp_path / "cache"
    first = build_model(BuildConfig(seeds=seeds, cache_dir=cache, workers=1))
    published = (json.loads("".join(data.anchors_json(first))),)
    read: list[str] = []
    real = storycache.read_groups

    def counting(path):
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(storycache, "read_groups", counting)
    monkeypatch.setattr(pipeline, "read_groups", counting)
    second = build_model(BuildConfig(seeds=seeds, cache_dir=cache, workers=1, previous_anchors=published))
    live = [s for s in second.stories if s.sources]
    assert read == [] and len(live) >= 2
    assert all(isinstance(s.facts, DeferredFacts) for s in live)
    assert [s.outline for s in second.stories] == [s.outline for s in first.stories]
    assert "".join(data.anchors_json(second)) == "".join(data.anchors_json(first))
    assert read == []  # ids, counts and anchors.json need no mentions
    assert pickle.loads(pickle.dumps(live[0])) == live[0]  # a story travels to a render worker as it is
    assert second == build_model(BuildConfig(seeds=seeds, workers=1, previous_anchors=published))
    assert len(read) >= len(live)  # comparing read each story's facts from its groups

    edited = seeds / "geysers" / "02_mercurynews.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOfficials said 14 homes were damaged.\n", "utf-8")
    aligned: list[str] = []
    real_align = pipeline.align_story
    monkeypatch.setattr(pipeline, "align_story", lambda story, *rest: aligned.append(story) or real_align(story, *rest))
    read.clear()
    third = build_model(BuildConfig(seeds=seeds, cache_dir=cache, workers=1, previous_anchors=published))
    others = {f"{key}.json" for sid, key in third.story_keys.items() if sid != "geysers"}
    assert aligned == ["geysers"] and not others & set(read)  # the others are their outlines still
    assert all(isinstance(s.facts, DeferredFacts) for s in third.stories if s.sources)  # neither keeps mentions
    assert third == build_model(BuildConfig(seeds=seeds, workers=1, previous_anchors=published))


def test_a_build_with_every_article_cached_never_loads_spacy(tmp_path):
    """Nothing to parse, nothing to import: a warm build in a fresh process leaves spaCy unloaded."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    args = ["build", "--seeds", str(ROOT / "seeds"), "--site-dir", str(site), "--cache-dir", str(cache), "-q"]
    subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, check=True, capture_output=True)
    probe = (
        "import sys\nfrom generator.cli import main\n"
        f"code = main({args!r})\nprint(code, sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["0", "[]"]


def test_spacys_stop_words_are_read_without_spacy():
    from spacy.lang.en.stop_words import STOP_WORDS as spacy_stop_words

    from generator.stopwords import STOP_WORDS

    assert frozenset(spacy_stop_words) == STOP_WORDS and "whereas" in STOP_WORDS


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_counts_and_time_left_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    now = [0.0]
    stream = _Terminal()
    bar = Progress(stream, clock=lambda: now[0])
    assert bar.enabled
    bar.add("articles", 4)
    bar.add("stories", 2)
    now[0] = 3.0
    bar.advance("articles", 3)
    assert "articles 3/4" in stream.getvalue() and "stories 0/2" in stream.getvalue()
    assert "0:03 left" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\n")


@pytest.mark.parametrize("ci, tty", [("true", True), ("", False)])
def test_progress_bar_is_quiet_in_ci_and_off_a_terminal(monkeypatch, ci, tty):
    monkeypatch.setenv("CI", ci)
    stream = _Terminal() if tty else io.StringIO()
    bar = Progress(stream)
    bar.add("articles", 1)
    bar.advance("articles")
    bar.close()
    assert stream.getvalue() == ""


def _three_small_stories(tmp_path):
    """Two articles from each of three dev-set clusters: a site small enough to build four times."""
    seeds = tmp_path / "seeds"
    for cluster, names in (
        ("geysers_quake_2013", ("01_kgo-abc7.txt", "02_mercurynews.txt")),
        ("queens_hit_and_run_2013", None),
        ("amd_seamicro_2012", None),
    ):
        folder = seeds / cluster
        folder.mkdir(parents=True)
        files = [DEVSET / cluster / n for n in names] if names else sorted((DEVSET / cluster).glob("*.txt"))[:2]
        for path in files:
            shutil.copy(path, folder / path.name)
    return seeds


def test_editing_one_article_renders_only_its_story_and_equals_a_clean_build(tmp_path, monkeypatch):
    from generator import cli, render, storycache

    seeds, cache, site = _three_small_stories(tmp_path), tmp_path / "cache", tmp_path / "site"
    rendered: list[str] = []
    themed: list[str] = []
    real_render, real_output = render._story_outputs, storycache.ThemedPages.output

    def counting_render(env, story, *args):
        rendered.append(story.id)
        return real_render(env, story, *args)

    def counting_output(self, page, output):
        if page.file.src_uri in self._keys and not self._keys[page.file.src_uri][1]:
            themed.append(page.file.src_uri)
        return real_output(self, page, output)

    monkeypatch.setattr(render, "_story_outputs", counting_render)
    monkeypatch.setattr(storycache.ThemedPages, "output", counting_output)

    def build(out, *extra):
        rendered.clear()
        themed.clear()
        assert cli.main(["build", "--seeds", str(seeds), "--site-dir", str(out), "-q", *extra]) == 0

    build(site, "--cache-dir", str(cache))
    assert sorted(rendered) == ["amd-seamicro-2012", "geysers-quake-2013", "queens-hit-and-run-2013"]
    build(site, "--cache-dir", str(cache))
    assert rendered == [] and themed == []  # nothing changed: every page from the caches

    clean = tmp_path / "clean"
    shutil.copytree(site, clean)  # the same earlier anchors for the clean build to read
    edited = seeds / "geysers_quake_2013" / "02_mercurynews.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOfficials said 14 homes were damaged.\n", "utf-8")
    build(site, "--cache-dir", str(cache))
    assert rendered == ["geysers-quake-2013"]
    # the theme ran again only for the edited story's pages and the site-wide ones that list every story
    assert themed and {p for p in themed if "geysers-quake-2013" not in p} <= {"index.md", "names.md"}

    build(clean, "--no-cache")
    assert tree_differences(site, clean) == []

    # a story gone changes every page's navigation: the theme draws every page again, from cached story pages
    shutil.rmtree(clean)
    shutil.copytree(site, clean)
    shutil.rmtree(seeds / "amd_seamicro_2012")
    build(site, "--cache-dir", str(cache))
    assert rendered == ["amd-seamicro-2012"]  # now a page saying its articles are gone
    assert "stories/geysers-quake-2013.md" in themed
    build(clean, "--no-cache")
    assert tree_differences(site, clean) == []


def test_stories_rendered_on_workers_equal_those_rendered_here(tmp_path):
    from generator import render

    model = build_model(BuildConfig(seeds=_two_stories(tmp_path), workers=1))
    here = render.render_parts(model)
    pool = executor.Adaptive(2, threshold=0)  # workers even for two stories
    try:
        there = render.render_parts(model, executor=pool)
    finally:
        pool.close()
    assert there == here
    assert sum(p.startswith("sources/") for p in here[0]) > 5


def test_each_story_is_written_at_its_turn_not_once_every_story_is_rendered():
    """Stories rendered ahead of their turn wait; a story is taken as soon as it and those before it are there."""
    from types import SimpleNamespace

    from generator import render

    pulled = []

    def rendered():
        for story_id in ("b", "a", "d", "c"):
            pulled.append(story_id)
            yield story_id, f"pages of {story_id}"

    stories = [SimpleNamespace(id=story_id) for story_id in "abcde"]
    taken = [
        (story.id, output, len(pulled))
        for story, output in render._in_story_order(stories, {"e": "pages of e"}, rendered())
    ]
    assert taken == [
        ("a", "pages of a", 2),
        ("b", "pages of b", 2),
        ("c", "pages of c", 4),
        ("d", "pages of d", 4),
        ("e", "pages of e", 4),
    ]


def test_stories_rendered_out_of_order_give_the_same_site_and_data_files(tmp_path):
    """Workers finish in any order; the pages, pictures and data files written as stories come do not change."""
    from generator import data, render

    class Backwards:
        def run(self, task, items):
            return reversed([(i, task(item)) for i, item in enumerate(items)])

    model = build_model(BuildConfig(seeds=_two_stories(tmp_path), workers=1))
    pages, files = render.render_parts(model)
    staging = tmp_path / "staging"
    staged_pages, staged_files = render.render_parts(model, executor=Backwards(), staging=staging)
    assert staged_pages == pages
    assert {
        path: f.read_text(encoding="utf-8") if not isinstance(f, str) else f for path, f in staged_files.items()
    } == files
    assert files["data/comparison.json"] == data.comparison_json(model)
    assert files["data/facts.csv"] == data.facts_csv(model)
    assert [s["id"] for s in json.loads(files["data/comparison.json"])["stories"]] == sorted(
        s.id for s in model.stories
    )


def test_a_cached_storys_data_part_is_read_at_its_turn_and_a_broken_one_is_rendered_again(
    tmp_path, monkeypatch, caplog
):
    """A warm build first reads every story's page rows, then each story's data part only when it is written:
    memory holds one story's part of comparison.json and facts.csv, not the site's."""
    from generator import render
    from generator.storycache import StoryPages

    model = build_model(BuildConfig(seeds=_two_stories(tmp_path), workers=1))
    cache = tmp_path / "cache"
    cold = render.render_parts(model, cache=StoryPages(cache))
    events = []
    real_get, real_data = StoryPages.get, StoryPages.data

    def get(self, story, *args):
        events.append(("get", story.id))
        return real_get(self, story, *args)

    def data(self, story_id):
        events.append(("data", story_id))
        return real_data(self, story_id)

    monkeypatch.setattr(StoryPages, "get", get)
    monkeypatch.setattr(StoryPages, "data", data)
    warm_pages = StoryPages(cache)
    warm = render.render_parts(model, cache=warm_pages)
    assert ({p: part.full_html() for p, part in warm[0].items()}, warm[1]) == (
        {p: part.full_html() for p, part in cold[0].items()},
        cold[1],
    )
    ids = sorted(s.id for s in model.stories)
    assert warm_pages.hits == len(ids) and warm_pages.misses == 0
    assert events == [("get", i) for i in ids] + [("data", i) for i in ids]
    broken = sorted(cache.rglob("*.data.json"))[0]
    broken.write_text("{", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="parallax"):
        again = render.render_parts(model, cache=StoryPages(cache))
    assert again[1] == cold[1]
    assert [r.getMessage() for r in caplog.records if broken.name in r.getMessage()] == [
        f"{broken}: page cache entry unreadable (Expecting property name enclosed in double quotes: line 1 column 2"
        " (char 1)); the story is rendered again"
    ]
    assert json.loads(broken.read_text(encoding="utf-8"))["comparison"]  # and written back whole


def test_a_storys_pages_are_keyed_on_its_alignment_and_the_ids_given_out(tmp_path):
    """The page cache's key is the story's alignment key plus what anchors add: any of them changed is a miss."""
    from dataclasses import replace

    from generator.model import RetiredAnchor
    from generator.storycache import StoryPages

    model = build_model(BuildConfig(seeds=_two_stories(tmp_path), workers=1))
    story = next(s for s in model.stories if len(s.facts) > 1)
    aligned = model.story_keys[story.id]
    pages = StoryPages(tmp_path / "cache")
    base = pages._path(story, None, {}, aligned)
    first, *rest = story.facts
    assert pages._path(replace(story), None, {}, aligned) == base
    changed = [
        replace(story, facts=(replace(first, id=first.id + "-2"), *rest)),
        replace(story, facts=(replace(first, aliases=("an-older-id",)), *rest)),
        replace(story, title=story.title + " (updated)"),
        replace(story, retired=(RetiredAnchor("number-gone", "Gone", "No longer found."),)),
    ]
    assert [pages._path(s, None, {}, aligned) == base for s in changed] == [False] * len(changed)
    assert pages._path(story, None, {}, "another alignment") != base
    assert pages._path(story, "https://example.org/", {}, aligned) != base
    assert pages._path(story, None, {}, None) != base  # no alignment key: keyed on the whole model


def test_an_undated_storys_pages_follow_the_build_date_a_dated_storys_do_not(tmp_path, monkeypatch):
    """A story with no dated article is cited with the build's date, which another story's new article moves."""
    from dataclasses import replace

    from generator.storycache import StoryPages

    model = build_model(BuildConfig(seeds=_two_stories(tmp_path), workers=1))
    story = next(s for s in model.stories if len(s.facts) > 1)
    undated_sources = tuple(replace(s, published=None, furniture=(), stamped=None) for s in story.sources)
    undated = replace(story, sources=undated_sources)
    pages = StoryPages(tmp_path / "cache")
    aligned = model.story_keys[story.id]
    keys = {}
    for epoch in ("1700000000", "1800000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        keys[epoch] = (pages._path(story, None, {}, aligned), pages._path(undated, None, {}, aligned))
    assert keys["1700000000"][0] == keys["1800000000"][0]
    assert keys["1700000000"][1] != keys["1800000000"][1]


def _cache_files(cache):
    return sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file())


def test_a_build_prunes_cache_entries_it_no_longer_uses(tmp_path):
    """Removed stories and edited articles leave nothing in the cache: it holds what a fresh cache would."""
    from generator import cli

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    quake = seeds / "geysers"
    quake.mkdir()
    for name in ("01_kgo-abc7.txt", "02_mercurynews.txt"):
        shutil.copy(DEVSET / "geysers_quake_2013" / name, quake / name)
    cache, site = tmp_path / "cache", tmp_path / "site"

    def build(out, cache_dir):
        assert (
            cli.main(["build", "--seeds", str(seeds), "--site-dir", str(out), "-q", "--cache-dir", str(cache_dir)]) == 0
        )

    build(site, cache)
    before = _cache_files(cache)
    assert {p.split("/")[0] for p in before} >= {"furniture", "stories", "pages", "themed"}

    shutil.rmtree(quake)  # a story removed
    edited = next(iter(sorted(seeds.rglob("*.txt"))))  # and an article edited: its old entries are stale
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOfficials said 14 homes were damaged.\n", "utf-8")
    build(site, cache)
    after = _cache_files(cache)
    assert len(after) < len(before)

    fresh_site, fresh = tmp_path / "fresh-site", tmp_path / "fresh"
    shutil.copytree(site, fresh_site)  # the same earlier anchors, so the same ids and pages
    build(fresh_site, fresh)
    assert after == _cache_files(fresh)
    assert tree_differences(site, fresh_site) == []

    build(site, cache)  # nothing changed: nothing pruned that the build needs, nothing added
    assert _cache_files(cache) == after
    assert tree_differences(site, fresh_site) == []


def test_pruning_leaves_files_that_are_not_cache_entries(tmp_path):
    from generator.cache import prune

    kept, stale = tmp_path / "pages" / "ab" / "ab12.json", tmp_path / "pages" / "cd" / "cd34.json"
    partial, other = tmp_path / "pages" / "ab" / "x.tmp", tmp_path / "notes" / "ab" / "ab56.json"
    for path in (kept, stale, partial, other, tmp_path / "README.json"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
    assert prune(tmp_path, [kept]) == 1
    assert not stale.exists() and not stale.parent.exists()
    assert kept.exists() and partial.exists() and other.exists() and (tmp_path / "README.json").exists()


def test_an_export_prunes_what_its_model_no_longer_uses_and_keeps_the_page_caches(tmp_path):
    """`export` shares the build's cache: it removes stale extraction and alignment entries, never rendered pages."""
    from generator import cli

    seeds = _two_stories(tmp_path)
    cache = tmp_path / "cache"

    def run(*argv, cache_dir=cache):
        assert cli.main([*argv, "--seeds", str(seeds), "-q", "--cache-dir", str(cache_dir)]) == 0

    run("build", "--site-dir", str(tmp_path / "site"))
    pages = [p for p in _cache_files(cache) if p.split("/")[0] in ("pages", "themed")]
    shutil.rmtree(seeds / "geysers")
    run("export", "--out", str(tmp_path / "export"))
    after = _cache_files(cache)
    assert set(pages) <= set(after)  # an export renders no themed pages: it leaves them to the next build

    fresh = tmp_path / "fresh"
    run("export", "--out", str(tmp_path / "fresh-export"), cache_dir=fresh)
    model_entries = [p for p in after if p.split("/")[0] not in ("pages", "themed")]
    assert model_entries == _cache_files(fresh)


def _process(_item) -> int:
    import os

    return os.getpid()


def test_once_the_workers_run_later_batches_go_to_them_and_small_builds_never_start_them():
    import os

    pool = executor.Adaptive(2, threshold=1_000)
    try:
        here = dict(pool.run(_process, ["a", "b"], weight=10))  # too little work to start workers
        assert set(here.values()) == {os.getpid()}
        assert not pool._pool.started
        list(pool.run(abs, [-1, -2], weight=1_000))  # enough: the workers start
        small = dict(pool.run(_process, ["a", "b"], weight=10))
        assert os.getpid() not in small.values(), "started workers take even a light batch"
        assert dict(pool.run(_process, ["a"], weight=10)) == {0: os.getpid()}, "one task stays here"
    finally:
        pool.close()


def test_a_flow_sends_follow_up_tasks_before_those_queued_earlier():
    """A story's alignment, added when its last article is in, waits for at most the tasks already out."""
    ran: list[str] = []
    flow = executor.Flow(executor.InProcess())
    for name in ("parse-1", "parse-2", "parse-3", "parse-4"):
        flow.add(ran.append, name, name)
    for tag, _ in flow.results():
        if tag == "parse-1":
            flow.add(ran.append, "align", "align", soon=True)
    assert ran == ["parse-1", "parse-2", "align", "parse-3", "parse-4"]


def test_a_story_is_aligned_while_later_stories_are_still_parsed(tmp_path, monkeypatch):
    """Memory holds the mentions of the stories in flight: the first story is aligned before the last is parsed."""
    seeds = _two_stories(tmp_path)
    events: list[str] = []
    real_extract, real_align = pipeline.extract_article, pipeline.align_story

    def extracting(job):
        events.append(f"parse {job.source.story}")
        return real_extract(job)

    def aligning(story, sources, mentions):
        events.append(f"align {story}")
        return real_align(story, sources, mentions)

    monkeypatch.setattr(pipeline, "extract_article", extracting)
    monkeypatch.setattr(pipeline, "align_story", aligning)
    model = build_model(BuildConfig(seeds=seeds, workers=1))
    first, last = sorted(s.id for s in model.stories)
    assert events.index(f"align {first}") < max(i for i, e in enumerate(events) if e == f"parse {last}")
    assert model == build_model(BuildConfig(seeds=seeds, workers=1))


def test_a_sites_data_files_are_staged_on_disk_and_the_staging_folder_is_removed(tmp_path):
    """The plugin hands MkDocs the data files as files, not strings; they equal an export's, and nothing is left."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    seeds = _two_stories(tmp_path)
    site, out = tmp_path / "site", tmp_path / "export"
    env = {**os.environ, "TMPDIR": str(temp), "SOURCE_DATE_EPOCH": "1700000000"}
    for command, folder in (("build", ["--site-dir", str(site)]), ("export", ["--out", str(out)])):
        args = [sys.executable, "-m", "generator", command, "--seeds", str(seeds), *folder, "--no-cache", "-q"]
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True, env=env)
    assert not [p for p in temp.iterdir() if p.name.startswith("parallax-files-")]
    for name in ("comparison.json", "facts.csv", "anchors.json"):
        assert (site / "data" / name).read_bytes() == (out / "data" / name).read_bytes(), name
    assert json.loads((site / "data" / "comparison.json").read_text(encoding="utf-8"))["stories"]


def test_an_undated_story_rendered_on_a_worker_is_dated_by_the_build_not_the_workers_clock(tmp_path, monkeypatch):
    """The build pins its date to the newest article once the model is read, after the workers started: the date
    goes to them with each story, so an undated story's citations are the same from a worker and from here."""
    import re

    from generator import cli

    seeds = tmp_path / "seeds"
    for cluster, names in (
        ("geysers_quake_2013", ("01_kgo-abc7.txt", "02_mercurynews.txt")),
        ("netanyahu_iran_files_2018", ("01_huffpost-reuters.txt", "02_nytimes.txt")),
    ):
        (seeds / cluster).mkdir(parents=True)
        for name in names:
            shutil.copy(DEVSET / cluster / name, seeds / cluster / name)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # the build pins it (restored after the test)
    monkeypatch.setattr(executor, "PROCESS_THRESHOLD", 0)  # parse on workers, so they render too
    site = tmp_path / "site"
    args = ["build", "--seeds", str(seeds), "--site-dir", str(site), "--no-cache", "-q", "--workers", "2"]
    assert cli.main(args) == 0

    def compared(story):
        page = (site / "stories" / story / "cite" / "index.html").read_text(encoding="utf-8")
        return set(re.findall(r"comparison of (\d{4}-\d\d-\d\d)", page))

    dated, undated = compared("geysers-quake-2013"), compared("netanyahu-iran-files-2018")
    assert len(dated) == 1 and next(iter(dated)).startswith("2013")  # the quake's articles
    assert undated == dated  # the newest article's date, which the build pinned, not the day of the build


def test_the_workers_that_parse_a_corpus_also_render_it(tmp_path, monkeypatch):
    """One pool per build: starting workers (each loads the language model) is paid once, not again to render."""
    import concurrent.futures

    from generator import cli, render

    started = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(executor, "PROCESS_THRESHOLD", 0)  # workers even for this small corpus
    rendered_on_workers = []
    real_run = executor.LocalProcesses.run

    def run(self, task, items):
        rendered_on_workers.extend(item.story.id for item in items if task is render.render_story)
        return real_run(self, task, items)

    monkeypatch.setattr(executor.LocalProcesses, "run", run)
    site = tmp_path / "site"
    args = ["build", "--seeds", str(_two_stories(tmp_path)), "--site-dir", str(site), "--no-cache", "-q"]
    assert cli.main([*args, "--workers", "2"]) == 0
    assert started == [2]
    assert len(rendered_on_workers) == 2
    assert sorted(rendered_on_workers) == sorted(p.name for p in (site / "stories").iterdir())
