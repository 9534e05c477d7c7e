"""Scale: long articles in pieces, parallel builds equal to serial ones, per-story alignment cache, progress bar."""

from __future__ import annotations

import io
import shutil

import pytest
from conftest import ROOT, SHARED, make_source

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
