"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import filecmp
import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.extract import ArticleDoc
from generator.model import Source, Span

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _build_date_does_not_leak():
    """A build run inside the test process pins SOURCE_DATE_EPOCH; later builds must not inherit it."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    yield
    if before is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = before


def make_source(
    text: str, source_id: str = "a", published: date | None = None, furniture: tuple[Span, ...] = ()
) -> Source:
    return Source(
        id=source_id,
        path=f"{source_id}.txt",
        story="s",
        outlet=source_id,
        title=source_id,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        body=Span(0, len(text)),
        published=published,
        furniture=furniture,
    )


@pytest.fixture(scope="session")
def article():
    """Build an ArticleDoc from raw text: article("Text.", published=date(2020, 1, 8))."""
    from generator import nlp

    def make(text: str, source_id: str = "a", published: date | None = None) -> ArticleDoc:
        source = make_source(text, source_id, published)
        doc = nlp.parse([source])[source.id]
        return ArticleDoc(source, doc, published, False)

    return make


def run_build(seeds: Path, out: Path, cache: Path | None = None, *extra: str) -> subprocess.CompletedProcess:
    """`python -m generator build`, as a user runs it; without a cache folder, with --no-cache."""
    cmd = [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--site-dir", str(out)]
    cmd += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    return subprocess.run([*cmd, *extra], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo site from seeds/, built once per test session."""
    out = tmp_path_factory.mktemp("demo") / "site"
    result = run_build(ROOT / "seeds", out, tmp_path_factory.mktemp("cache"))
    assert result.returncode == 0, result.stderr
    return out


def tree_differences(left: Path, right: Path) -> list[str]:
    """Files that exist on one side only or differ in bytes, anywhere under two folders."""

    def walk(cmp: filecmp.dircmp) -> list[str]:
        bad = [*cmp.left_only, *cmp.right_only]
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        bad += mismatch + errors
        for sub in cmp.subdirs.values():
            bad += walk(sub)
        return bad

    return walk(filecmp.dircmp(left, right))
