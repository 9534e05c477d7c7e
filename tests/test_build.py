"""End to end: the command line builds real sites that meet the contract, the gold floor and determinism."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SHARED, run_build, tree_differences

DEMO = ROOT / "seeds"


def test_contract_check_passes(demo_site):
    result = subprocess.run(
        [sys.executable, str(SHARED / "contract" / "check.py"), str(demo_site), str(DEMO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 problems")


def gold_summary(site: Path, seeds: Path, gold: Path) -> dict:
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "gold" / "score.py"),
            str(gold),
            str(seeds),
            str(site / "data" / "comparison.json"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)["summary"]


def test_demo_meets_the_gold_floor(demo_site):
    s = gold_summary(demo_site, SHARED / "seeds", SHARED / "gold" / "seeds.yaml")
    assert s["problems"] == []
    assert s["recall"] >= 0.6
    assert s["noise_hits"] == 0
    assert s["invalid_mentions"] == 0
    assert s["one_source_marked_corroborated"] == 0


def test_build_prints_how_to_view(tmp_path):
    result = run_build(DEMO, tmp_path / "site", tmp_path / "cache")
    assert result.returncode == 0
    assert "index.html" in result.stderr and "mkdocs serve" in result.stderr


def test_two_builds_are_byte_identical(demo_site, tmp_path):
    """Same input, same bytes: without the cache, and whatever the output folder is called."""
    again = tmp_path / "again"
    assert run_build(DEMO, again).returncode == 0
    assert tree_differences(demo_site, again) == []


def test_missing_seeds_folder_fails_and_keeps_the_site(demo_site, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(demo_site, out)
    result = run_build(tmp_path / "nowhere", out)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "nowhere" in result.stderr
    assert (out / "data" / "comparison.json").read_bytes() == (demo_site / "data" / "comparison.json").read_bytes()


def test_no_readable_article_fails_and_keeps_the_site(demo_site, tmp_path):
    seeds = tmp_path / "bad"
    seeds.mkdir()
    (seeds / "empty.txt").write_text("")
    (seeds / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "site"
    shutil.copytree(demo_site, out)
    result = run_build(seeds, out)
    assert result.returncode == 1
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error:")
    assert (out / "index.html").read_bytes() == (demo_site / "index.html").read_bytes()


def test_bad_files_are_skipped_with_one_line_each(tmp_path):
    seeds = tmp_path / "seeds" / "story"
    shutil.copytree(DEMO / "iran-missile-strike-2020-01", seeds)
    (seeds / "empty.txt").write_text("  \n")
    (seeds / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (seeds / "latin.txt").write_bytes(
        "Caf\xe9 owners said on Monday that two windows were broken.\n\nThe mayor said \xabnothing\xbb.\n".encode(
            "cp1252"
        )
    )
    (seeds / "bad-front.md").write_text("---\ntitle: [unclosed\n---\nHeadline\n\nBody text of the article here.\n")
    (seeds / "huge.txt").write_text("Headline\n\n" + "word " * 1_200_000)
    result = run_build(tmp_path / "seeds", tmp_path / "site")  # a site inside the articles folder is refused
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    for name, reason in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("latin.txt", "UTF-8"),
        ("bad-front.md", "front matter"),
        ("huge.txt", "limit"),
    ]:
        hits = [line for line in lines if name in line]
        assert len(hits) == 1, (name, lines)
        assert reason in hits[0]
    comparison = json.loads((tmp_path / "site" / "data" / "comparison.json").read_text())
    paths = {s["path"] for s in comparison["sources"]}
    assert "story/latin.txt" in paths and "story/bad-front.md" in paths
    assert "story/empty.txt" not in paths and "story/huge.txt" not in paths


def test_ids_published_along_the_way_keep_resolving(tmp_path):
    """Build with four of the five demo articles, then all five, then one removed, into one folder."""
    articles = sorted((DEMO / "iran-missile-strike-2020-01").glob("*.txt"))
    story = tmp_path / "seeds" / "iran"
    out, cache = tmp_path / "site", tmp_path / "cache"
    published: dict[str, str] = {}

    def build_with(files: list[Path]) -> None:
        shutil.rmtree(story, ignore_errors=True)
        story.mkdir(parents=True)
        shutil.copy(DEMO / "iran-missile-strike-2020-01" / "sources.yaml", story)
        for f in files:
            shutil.copy(f, story)
        result = run_build(tmp_path / "seeds", out, cache)
        assert result.returncode == 0, result.stderr
        comparison = json.loads((out / "data" / "comparison.json").read_text())
        for st in comparison["stories"]:
            for fact in st["facts"]:
                published.setdefault(fact["id"], fact["url"])

    build_with(articles[:4])
    first = dict(published)
    build_with(articles)
    build_with(articles[1:])
    assert len(published) > len(first)

    anchors = json.loads((out / "data" / "anchors.json").read_text())["anchors"]
    statuses = {a["status"] for a in anchors.values()}
    assert {"current"} < statuses, "removing an article should alias or retire some ids"
    for fid, url in published.items():
        assert fid in anchors, fid
        page = out / url.split("#")[0] / "index.html"
        assert page.is_file(), url
        assert re.search(rf'\sid="{re.escape(fid)}"', page.read_text(encoding="utf-8")), fid
        target = anchors[fid]["url"]
        target_page = out / target.split("#")[0] / "index.html"
        assert re.search(rf'\sid="{re.escape(target.split("#")[1])}"', target_page.read_text(encoding="utf-8"))


def test_ids_survive_an_empty_output_folder_through_the_lock_file(tmp_path, demo_site):
    lock = tmp_path / "anchors.lock.json"
    shutil.copy(demo_site / "data" / "anchors.json", lock)
    ids = set(json.loads(lock.read_text())["anchors"])
    seeds = tmp_path / "seeds" / "story"
    seeds.mkdir(parents=True)
    for f in sorted((DEMO / "iran-missile-strike-2020-01").glob("*.txt"))[:2]:
        shutil.copy(f, seeds)
    result = run_build(tmp_path / "seeds", tmp_path / "site", None, "--anchors-lock", str(lock))
    assert result.returncode == 0, result.stderr
    kept = json.loads((tmp_path / "site" / "data" / "anchors.json").read_text())["anchors"]
    assert ids <= set(kept)


def test_committed_lock_is_current_and_a_rebuild_keeps_every_id(tmp_path):
    """Building seeds/ against the committed lock writes it back unchanged: ids are a fixed point of rebuilds,
    even where one article says the same words twice in two facts."""
    lock = tmp_path / "anchors.lock.json"
    shutil.copy(ROOT / "anchors.lock.json", lock)
    result = run_build(
        ROOT / "seeds", tmp_path / "site", tmp_path / "cache", "--anchors-lock", str(lock), "--write-lock"
    )
    assert result.returncode == 0, result.stderr
    assert lock.read_text(encoding="utf-8") == (ROOT / "anchors.lock.json").read_text(encoding="utf-8")


def test_mkdocs_build_uses_the_plugin(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "data" / "comparison.json").is_file()
    assert not any(ROOT.joinpath("docs").glob("stories*")), "nothing may be written into docs/"


def test_every_mention_carries_its_registered_extractor_tag():
    """The cache keys on `name@version`; the tag on a mention comes from the registry, never a copy of it."""
    from generator.extract import registered
    from generator.pipeline import BuildConfig, build_model

    tags = {e.tag for e in registered()}
    model = build_model(BuildConfig(seeds=DEMO))
    mentions = [m for story in model.stories for f in story.facts for m in f.mentions]
    assert mentions and {m.extractor for m in mentions} <= tags
    assert {m.extractor.split("@")[0] for m in mentions} == {e.name for e in registered()}
