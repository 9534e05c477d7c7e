"""The command line does what the README says: exit codes, one-line errors, -q, rejected combinations."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

DEMO_STORY = ROOT / "seeds" / "iran-missile-strike-2020-01"


def parallax(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    cmd = [str(Path(sys.executable).parent / "parallax"), *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)


def unreadable_folder(tmp_path: Path) -> Path:
    seeds = tmp_path / "bad"
    seeds.mkdir()
    (seeds / "empty.txt").write_text("")
    return seeds


def one_article(tmp_path: Path, name: str = "one", published: str = "2020-01-08") -> Path:
    seeds = tmp_path / name / "story"
    seeds.mkdir(parents=True)
    article = next(iter(sorted(DEMO_STORY.glob("*.txt")))).read_text(encoding="utf-8")
    (seeds / "a.md").write_text(f"---\noutlet: Example\npublished: {published}\n---\n{article}", encoding="utf-8")
    return seeds.parent


def test_build_without_a_readable_article_says_one_error_line(tmp_path):
    result = parallax("build", "--seeds", str(unreadable_folder(tmp_path)), "--site-dir", str(tmp_path / "s"))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {tmp_path / 'bad'}: no readable articles, so no site was built"], result.stderr
    assert not (tmp_path / "s").exists()


def test_export_without_a_readable_article_fails(tmp_path):
    result = parallax("export", "--seeds", str(unreadable_folder(tmp_path)), "--out", str(tmp_path / "o"), "--no-cache")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error:")
    assert "empty.txt" in result.stderr
    assert not (tmp_path / "o" / "index.md").exists()


def test_quiet_prints_nothing_for_a_clean_export_and_verbose_prints_progress(tmp_path):
    seeds = one_article(tmp_path)
    quiet = parallax("export", "--seeds", str(seeds), "--out", str(tmp_path / "q"), "--no-cache", "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert (tmp_path / "q" / "data" / "comparison.json").is_file()
    loud = parallax("export", "--seeds", str(seeds), "--out", str(tmp_path / "v"), "--no-cache", "-v")
    assert loud.returncode == 0
    assert any(line.startswith("info:") for line in loud.stderr.splitlines()), loud.stderr


def test_combinations_that_make_no_sense_are_refused_before_any_work(tmp_path):
    seeds = one_article(tmp_path)
    site = tmp_path / "site"
    cases = [
        (["build", "--seeds", str(seeds), "--site-dir", str(site), "--write-lock"], "--anchors-lock"),
        (["build", "--seeds", str(seeds), "--site-dir", str(site), "--no-cache", "--cache-dir", "c"], "--no-cache"),
        (["build", "--seeds", str(seeds), "--site-dir", str(tmp_path)], "overlap"),
        (["export", "--seeds", str(seeds), "--out", str(seeds / "out")], "overlap"),
        (["build", "--seeds", str(seeds), "--site-dir", str(site), "--site-url", "javascript:x"], "http"),
        (["build", "--seeds", str(seeds), "--site-dir", str(site), "--max-bytes", "0"], "--max-bytes"),
        (["build", "--seeds", str(seeds), "--site-dir", str(site), "-v", "-q"], "-q"),
    ]
    for args, word in cases:
        result = parallax(*args)
        assert result.returncode == 2, (args, result.stderr)
        errors = [line for line in result.stderr.splitlines() if "error:" in line]
        assert len(errors) == 1 and word in errors[0], (args, result.stderr)
    assert not site.exists() and (seeds / "story" / "a.md").is_file() and not (seeds / "out").exists()


def test_source_date_epoch_follows_the_articles_across_rebuilds_in_one_process(tmp_path, monkeypatch):
    """`mkdocs serve` rebuilds in one process: the date this plugin set for the first build must not stick."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.cli import default_config

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    def lastmod(seeds: Path, site: Path) -> set[str]:
        config = load_config(config_file=str(default_config()), site_dir=str(site), site_url="https://example.org/")
        config.plugins["parallax"].config.seeds = str(seeds)
        build(config)
        return set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text()))

    assert lastmod(one_article(tmp_path, "first", "2020-01-08"), tmp_path / "s1") == {"2020-01-08"}
    assert lastmod(one_article(tmp_path, "second", "2021-03-04"), tmp_path / "s2") == {"2021-03-04"}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert lastmod(one_article(tmp_path, "third", "2022-05-06"), tmp_path / "s3") == {"1970-01-02"}
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"
    shutil.rmtree(tmp_path / "s1")
