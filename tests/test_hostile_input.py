"""Input nobody vetted: each bad file is one warning line naming it and the reason, and the rest of the site builds.

Every case is made from real dev-set articles (geysers_quake_2013, queens_hit_and_run_2013,
warren_jeffs_trial_2011, athens_bank_fire_2010) with one thing made hostile.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, run_build

from generator import cli, data
from generator.ingest import read_corpus
from generator.naming import outlet_from_filename
from generator.pipeline import BuildConfig, build_model
from generator.render import render_site

DEVSET = SHARED / "devset"
QUAKE = DEVSET / "geysers_quake_2013"
KGO, MERCURY = QUAKE / "01_kgo-abc7.txt", QUAKE / "02_mercurynews.txt"
NY1 = DEVSET / "queens_hit_and_run_2013" / "01_ny1.txt"
IBTIMES = DEVSET / "warren_jeffs_trial_2011" / "03_ibtimes.txt"


def _story(root: Path, *articles: Path, folder: str = "quake") -> Path:
    story = root / folder
    story.mkdir(parents=True, exist_ok=True)
    for article in articles:
        shutil.copy(article, story)
    return story


def _messages(corpus) -> list[str]:
    return [str(p) for p in corpus.problems]


def _one_about(messages: list[str], name: str) -> str:
    hits = [m for m in messages if name in m]
    assert len(hits) == 1, (name, messages)
    return hits[0]


# --- files outside the corpus ----------------------------------------------------------------------------------


def test_symlinks_that_leave_the_seeds_folder_are_skipped_with_a_warning(tmp_path):
    outside = tmp_path / "outside"
    _story(outside, NY1, folder="private")
    seeds = tmp_path / "seeds"
    story = _story(seeds, KGO)
    (story / "passwd.txt").symlink_to("/etc/passwd")
    (story / "ny1.txt").symlink_to(outside / "private" / NY1.name)
    (seeds / "elsewhere").symlink_to(outside / "private", target_is_directory=True)
    (story / "kgo-again.txt").symlink_to(story / KGO.name)  # inside: allowed, and then a duplicate
    corpus = read_corpus(seeds)
    assert [s.path for s in corpus.sources] == [f"quake/{KGO.name}"]
    messages = _messages(corpus)
    assert "outside the seeds folder" in _one_about(messages, "quake/passwd.txt")
    assert "outside the seeds folder" in _one_about(messages, "quake/ny1.txt")
    assert "outside the seeds folder" in _one_about(messages, "elsewhere")
    assert "same article text" in _one_about(messages, "kgo-again.txt")
    assert not any("root:" in s.text for s in corpus.sources)


def test_a_fifo_with_an_article_name_is_skipped_not_read(tmp_path):
    story = _story(tmp_path, KGO)
    os.mkfifo(story / "pipe.txt")  # reading it would block the build forever
    corpus = read_corpus(tmp_path)
    assert len(corpus.sources) == 1
    assert _one_about(_messages(corpus), "pipe.txt").endswith("skipped: not a regular file")


# --- impossible dates -------------------------------------------------------------------------------------------


def test_impossible_dates_in_front_matter_sidecar_and_sources_yaml_are_one_warning_each(tmp_path):
    story = _story(tmp_path, KGO, MERCURY)
    (story / "sources.yaml").write_text(f"{KGO.name}:\n  outlet: ABC7\n  published: 2013-02-30\n")
    (story / f"{MERCURY.stem}.yaml").write_text("outlet: Mercury News\npublished: 2013-13-14\n")
    (story / "ny1.md").write_text(f"---\noutlet: NY1\npublished: 2013-04-31\n---\n{NY1.read_text()}")
    corpus = read_corpus(tmp_path)
    assert [(s.outlet, s.published) for s in corpus.sources] == [
        ("ABC7", None),
        ("Mercury News", None),
        ("NY1", None),
    ]
    messages = _messages(corpus)
    assert len(messages) == 3
    for name, value in [(KGO.name, "2013-02-30"), (MERCURY.name, "2013-13-14"), ("ny1.md", "2013-04-31")]:
        assert value in _one_about(messages, name) and "not a real calendar date" in _one_about(messages, name)


# --- hostile YAML -----------------------------------------------------------------------------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 6)}]\n" for i in range(5)
)


@pytest.mark.parametrize(
    ("yaml_text", "reason"),
    [
        (ALIAS_BOMB + "outlet: *f\n", "aliases"),
        ("outlet: " + "[" * 3000 + "]" * 3000 + "\n", "nested deeper"),
        ("outlet: ABC7\nnotes: '" + "x" * 1_100_000 + "'\n", "character limit"),
        ("outlet: [unclosed\n", "while parsing a flow sequence"),
    ],
    ids=["alias-bomb", "too-deep", "too-large", "malformed"],
)
def test_hostile_yaml_is_refused_with_one_warning_and_the_articles_are_read(tmp_path, yaml_text, reason):
    for where in ("sources.yaml", "sidecar", "front matter"):
        root = tmp_path / where.replace(" ", "-")
        story = _story(root, KGO)
        if where == "sources.yaml":
            indented = "".join(f"  {line}\n" for line in yaml_text.splitlines())
            (story / "sources.yaml").write_text(f"{KGO.name}:\n{indented}")
        elif where == "sidecar":
            (story / f"{KGO.stem}.yaml").write_text(yaml_text)
        else:
            (story / f"{KGO.stem}.txt").unlink()
            (story / f"{KGO.stem}.md").write_text(f"---\n{yaml_text}---\n{KGO.read_text()}")
        corpus = read_corpus(root)
        assert len(corpus.sources) == 1, (where, _messages(corpus))
        assert len(corpus.sources[0].outlet) < 40, where
        (message,) = _messages(corpus)
        assert reason in message, (where, message)
        assert "\n" not in message and len(message) < 300


def test_a_metadata_field_that_is_not_one_value_is_ignored_with_a_warning(tmp_path):
    story = _story(tmp_path, KGO)
    (story / f"{KGO.stem}.yaml").write_text("outlet: [ABC7, KGO]\nauthor: {name: x}\nkind: news\n")
    corpus = read_corpus(tmp_path)
    source = corpus.sources[0]
    assert (source.outlet, source.author, source.kind) == (outlet_from_filename(KGO.stem), None, "news")
    assert len(corpus.problems) == 2 and all("not a single value" in m for m in _messages(corpus))


# --- encodings, duplicates, names -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read_exactly(tmp_path, encoding):
    text = IBTIMES.read_text(encoding="utf-8")
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(encoding, b"")
    (tmp_path / "ibtimes.txt").write_bytes(bom + text.encode(encoding))
    corpus = read_corpus(tmp_path)
    assert corpus.problems == ()
    assert corpus.sources[0].text == text
    assert corpus.sources[0].title == text.splitlines()[0]


def test_the_same_article_under_two_names_is_read_once_with_a_warning(tmp_path):
    story = _story(tmp_path, KGO, MERCURY)
    shutil.copy(KGO, story / "99_copy.txt")
    (story / "98_reflowed.md").write_text(
        "---\noutlet: Someone Else\n---\n" + "\n\n".join(" ".join(p.split()) for p in KGO.read_text().split("\n\n"))
    )
    corpus = read_corpus(tmp_path)
    assert sorted(s.path for s in corpus.sources) == [f"quake/{KGO.name}", f"quake/{MERCURY.name}"]
    messages = _messages(corpus)
    assert len(messages) == 2
    for name in ("99_copy.txt", "98_reflowed.md"):
        assert _one_about(messages, name).endswith(f"skipped: the same article text as quake/{KGO.name}")


def test_colliding_file_names_get_distinct_source_ids(tmp_path):
    (tmp_path / "a").mkdir()
    shutil.copy(KGO, tmp_path / "a-b.txt")
    shutil.copy(MERCURY, tmp_path / "a-b-2.txt")
    shutil.copy(NY1, tmp_path / "a" / "b.txt")
    shutil.copy(IBTIMES, tmp_path / "a_b.md")
    ids = [s.id for s in read_corpus(tmp_path).sources]
    assert len(ids) == 4 and len(set(ids)) == 4, ids
    assert "a-b" in ids and "a-b-2" in ids


def test_deeply_nested_folders_build_with_short_ids(tmp_path):
    deep = tmp_path / "seeds" / "/".join(["a-rather-long-folder-name-about-the-quake"] * 8)
    _story(deep.parent, KGO, MERCURY, folder=deep.name)
    corpus = read_corpus(tmp_path / "seeds")
    assert len({s.story for s in corpus.sources}) == 1
    assert all(len(s.id) <= 80 and len(s.story) <= 80 for s in corpus.sources)
    result = run_build(tmp_path / "seeds", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    comparison = json.loads((tmp_path / "site" / "data" / "comparison.json").read_text())
    assert len(comparison["sources"]) == 2
    for source in comparison["sources"]:
        assert (tmp_path / "site" / source["page"] / "index.html").is_file()


# --- output bounded by input -----------------------------------------------------------------------------------


def test_facts_csv_grows_with_the_mentions_not_facts_times_outlets(tmp_path):
    """Thirty short files of one story (one paragraph each, from real articles)."""
    story = tmp_path / "story"
    story.mkdir()
    paragraphs = [
        p
        for article in sorted((DEVSET / "athens_bank_fire_2010").glob("*.txt"))
        for p in article.read_text().split("\n\n")[1:]
        if len(p.split()) > 12
    ][:30]
    for i, paragraph in enumerate(paragraphs):
        (story / f"{i:02}.txt").write_text(f"Athens report {i}\n\n{paragraph}\n")
    model = build_model(BuildConfig(seeds=tmp_path))
    mentions = sum(len(f.mentions) for s in model.stories for f in s.facts)
    facts = sum(len(s.facts) for s in model.stories)
    rows = list(csv.DictReader(io.StringIO(data.facts_csv(model))))
    assert facts > 30
    assert len(rows) <= mentions
    assert {(r["fact_id"], r["source"]) for r in rows} == {
        (f.id, m.source) for s in model.stories for f in s.facts for m in f.mentions
    }


def test_a_story_page_of_many_outlets_has_nothing_per_fact_and_outlet(tmp_path):
    """Sixty one-paragraph files (real dev-set lines): no table cell or list entry for every fact x outlet."""
    story = tmp_path / "story"
    story.mkdir()
    lines = [
        line
        for cluster in ("athens_bank_fire_2010", "kimani_gray_2013")
        for article in sorted((DEVSET / cluster).glob("*.txt"))
        for line in article.read_text().splitlines()[2:]
        if len(line.split()) > 12
    ][:60]
    for i, line in enumerate(lines):
        (story / f"{i:02}.txt").write_text(f"Report {i}\n\n{line}\n")
    model = build_model(BuildConfig(seeds=tmp_path))
    site = render_site(model)
    page = site["stories/story.md"]
    facts = sum(len(s.facts) for s in model.stories)
    assert facts > 40
    assert page.count("px-absent") == 0, "a coverage table with a column per outlet grows with facts x outlets"
    assert not [path for path in site if path.endswith("coverage.svg")], "the picture is facts x outlets too"
    assert "outlets are too many to draw" in page
    missing = re.findall(r'<p class="px-missing">.*?</p>', page, re.S)
    assert missing and all(len(line) < 300 for line in missing)
    assert re.search(r"of the 5\d outlets", missing[0])


# --- the cache --------------------------------------------------------------------------------------------------


def _entries(cache: Path) -> list[Path]:
    """The mention cache's entries (the story, furniture and page caches keep theirs in their own folders)."""
    others = {"stories", "furniture", "outlines", "pages", "themed"}
    return sorted(p for p in cache.rglob("*.json") if not others & set(p.relative_to(cache).parts))


def _mentions(model) -> list[tuple]:
    return sorted(
        (m.source, m.kind, m.start, m.end, m.text) for s in model.stories for f in s.facts for m in f.mentions
    )


def test_a_cache_entry_edited_into_other_valid_json_is_a_miss_never_published(tmp_path, caplog):
    from generator.cache import _check as cache_check

    _story(tmp_path / "seeds", KGO, MERCURY)
    seeds, cache = tmp_path / "seeds", tmp_path / "cache"
    fresh = _mentions(build_model(BuildConfig(seeds=seeds, cache_dir=cache)))
    first, second = _entries(cache)
    one, two = (json.loads(p.read_text()) for p in (first, second))
    moved = [{**row, "text": "Nothing happened in " + row["text"]} for row in one["mentions"]]
    first.write_text(json.dumps({**one, "mentions": moved, "check": cache_check(one["key"], moved)}))
    second.write_text(json.dumps(one))  # another article's entry copied over this one
    shutil.rmtree(cache / "stories")  # the story is aligned again, so it reads its articles' cached mentions
    with caplog.at_level(logging.WARNING, logger="parallax"):
        again = build_model(BuildConfig(seeds=seeds, cache_dir=cache))
    assert _mentions(again) == fresh
    warned = [r.getMessage() for r in caplog.records if "cached extraction" in r.getMessage()]
    assert len(warned) == 2 and {w.split(":")[0] for w in warned} == {f"quake/{KGO.name}", f"quake/{MERCURY.name}"}
    assert json.loads(second.read_text()) == two, "the bad entry is written again, right"


def test_a_cache_record_of_the_wrong_shape_is_a_miss(tmp_path):
    _story(tmp_path / "seeds", KGO)
    seeds, cache = tmp_path / "seeds", tmp_path / "cache"
    fresh = _mentions(build_model(BuildConfig(seeds=seeds, cache_dir=cache)))
    (entry,) = _entries(cache)
    stored = json.loads(entry.read_text())
    for broken in (
        [{**stored["mentions"][0], "start": str(stored["mentions"][0]["start"])}],
        [{**stored["mentions"][0], "invented": 1}],
        [["not", "a", "mention"]],
        [],  # an article's facts dropped
    ):
        entry.write_text(json.dumps({**stored, "mentions": broken}))
        shutil.rmtree(cache / "stories")  # aligned again: the story reads the broken entry
        assert _mentions(build_model(BuildConfig(seeds=seeds, cache_dir=cache))) == fresh
        assert json.loads(entry.read_text()) == stored


def test_a_cache_that_cannot_be_written_is_one_warning(tmp_path, caplog):
    _story(tmp_path / "seeds", KGO, MERCURY)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n")
    with caplog.at_level(logging.WARNING, logger="parallax"):
        model = build_model(BuildConfig(seeds=tmp_path / "seeds", cache_dir=blocker / "cache"))
    assert _mentions(model)
    warned = [r.getMessage() for r in caplog.records if "cannot be written" in r.getMessage()]
    assert len(warned) == 1


# --- the output folder ------------------------------------------------------------------------------------------


def test_two_builds_into_one_site_dir_at_once_lose_no_id(tmp_path):
    """The second build waits for the first, then keeps the first one's ids as tombstones."""
    first, second = _story(tmp_path / "a", KGO, MERCURY), _story(tmp_path / "b", NY1, IBTIMES, folder="other")
    out = tmp_path / "site"
    cmd = [sys.executable, "-m", "generator", "build", "--no-cache", "--site-dir", str(out), "--seeds"]
    procs = [
        subprocess.Popen([*cmd, str(seeds.parent)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for seeds in (first, second)
    ]
    errors = [p.communicate(timeout=600)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    anchors = json.loads((out / "data" / "anchors.json").read_text())["anchors"]
    assert {a["story"] for a in anchors.values()} == {"quake", "other"}
    assert sum("Waiting: another build" in e for e in errors) == 1, errors


def test_a_swap_interrupted_between_its_steps_never_leaves_the_site_missing(tmp_path, monkeypatch):
    target, new = tmp_path / "site", tmp_path / ".site.building-x"
    for folder, text in ((target, "old"), (new, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    calls = []
    real_rename = os.rename

    def rename_then_die(src, dst, *args, **kwargs):
        calls.append(src)
        if len(calls) > 1:
            raise KeyboardInterrupt("killed between the two renames")
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename_then_die)
    with contextlib.suppress(KeyboardInterrupt):
        cli._replace_dir(new, target)
    assert (target / "index.html").is_file()


def test_leftovers_of_killed_builds_are_cleaned_and_a_site_moved_aside_comes_back(tmp_path):
    seeds = tmp_path / "seeds"
    _story(seeds, KGO, MERCURY)
    out = tmp_path / "site"
    (tmp_path / ".site.building-dead").mkdir()
    (tmp_path / ".site.building-dead" / "index.html").write_text("half a site")
    aside = tmp_path / ".site.old-dead" / "site" / "data"
    aside.mkdir(parents=True)
    (aside / "anchors.json").write_text(
        json.dumps(
            {
                "schema_version": 1,
                "anchors": {"number-cited-earlier": {"story": "quake", "kind": "number", "label": "x"}},
            }
        )
    )
    result = run_build(seeds, out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")) == [".site.lock"]
    anchors = json.loads((out / "data" / "anchors.json").read_text())["anchors"]
    assert anchors["number-cited-earlier"]["status"] == "retired", "the site moved aside was put back and read"


def test_the_site_is_readable_by_others_as_the_umask_says(tmp_path):
    _story(tmp_path / "seeds", KGO)
    out = tmp_path / "site"
    cmd = [sys.executable, "-m", "generator", "build", "--no-cache", "--seeds", str(tmp_path / "seeds")]
    result = subprocess.run(
        [*cmd, "--site-dir", str(out)], cwd=ROOT, capture_output=True, text=True, preexec_fn=lambda: os.umask(0o022)
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o755
    assert (out / "index.html").stat().st_mode & 0o777 == 0o644


def test_an_output_or_lock_path_that_cannot_be_written_is_one_line(tmp_path):
    _story(tmp_path / "seeds", KGO)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n")
    result = run_build(tmp_path / "seeds", blocker / "site")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error:"), result.stderr
    lock = blocker / "anchors.lock.json"
    result = run_build(tmp_path / "seeds", tmp_path / "site", None, "--anchors-lock", str(lock), "--write-lock")
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "anchors lock not written" in line]
    assert len(warned) == 1 and "Traceback" not in result.stderr


def test_a_cache_entry_is_written_as_json_dumps_writes_it_and_its_check_holds(tmp_path):
    """The entry text is assembled around one serialisation of the mentions: it must stay the plain `dumps`."""
    from generator.cache import _check, _entry_of, _entry_text, mention_to_json

    _story(tmp_path / "seeds", KGO, MERCURY)
    model = build_model(BuildConfig(seeds=tmp_path / "seeds", cache_dir=tmp_path / "cache"))
    mentions = [m for s in model.stories for f in s.facts for m in f.mentions]
    assert any(m.quantity for m in mentions) and any(m.when for m in mentions), "decimals and dates are written"
    key = 'clé "quoted"'
    rows = [mention_to_json(m) for m in mentions]
    text = _entry_text(key, mentions)
    plain = json.dumps({"key": key, "mentions": rows, "check": _check(key, rows)}, ensure_ascii=False, sort_keys=True)
    assert text == plain
    assert _entry_of(json.loads(text), key)
