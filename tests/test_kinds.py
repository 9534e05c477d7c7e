"""Fact kinds are a registry: a new kind is one module, found without editing Parallax."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.kinds import FactKind, fact_kind, fact_kinds, register_kind

# A kind nobody ships: hashtags. One module registers its kind and its extractor; it has no
# aligner of its own, so the fallback one (same key, same value) compares it.
HASHTAG_MODULE = '''
"""Hashtags, as a fact kind that lives outside Parallax."""

import re

from generator.extract.base import register
from generator.kinds import FactKind, register_kind

register_kind(FactKind("hashtag", "Hashtag", "Hashtags", weight=5))


@register("hashtags", 1)
def hashtags(article):
    found = []
    for match in re.finditer(r"#\\w+", article.doc.text):
        tag = match.group().lower()
        sentence = article.sentence_at(match.start())
        found.append(article.mention("hashtag", match.start(), match.end(), sentence, key=tag, value=tag))
    return found
'''

ARTICLES = {
    "Daily One": """---
outlet: Daily One
published: 2024-05-04
title: Marchers fill the square
---
Thousands of people marched through the city centre on Saturday, chanting and carrying banners.

Organisers said the march was peaceful and that the police had not made any arrests during the day.

Supporters shared pictures of the crowd online under the tag #MarchForAll for most of the afternoon.
""",
    "Evening Two": """---
outlet: Evening Two
published: 2024-05-05
title: A peaceful march through the centre
---
A crowd of several thousand walked from the station to the town hall on Saturday afternoon.

Posts tagged #marchforall spread quickly as the marchers reached the town hall steps.
""",
}


def hashtag_plugin(folder: Path) -> Path:
    """A package installed only as a module and its dist-info, as pip would leave it."""
    folder.mkdir()
    (folder / "parallax_hashtags.py").write_text(HASHTAG_MODULE, encoding="utf-8")
    info = folder / "parallax_hashtags-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: parallax-hashtags\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[parallax.kinds]\nhashtags = parallax_hashtags\n")
    return folder


def test_a_kind_from_another_package_is_extracted_compared_and_shown(tmp_path):
    story = tmp_path / "seeds" / "march"
    story.mkdir(parents=True)
    for number, text in enumerate(ARTICLES.values()):
        (story / f"{number}.md").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(hashtag_plugin(tmp_path / "plugin"))}
    out = tmp_path / "out"
    export = ["export", "--seeds", str(tmp_path / "seeds"), "--out", str(out), "--no-cache"]
    subprocess.run(
        [sys.executable, "-m", "generator", *export],
        check=True,
        env=env,
        capture_output=True,
        timeout=600,
    )
    comparison = json.loads((out / "data" / "comparison.json").read_text(encoding="utf-8"))
    (fact,) = [f for s in comparison["stories"] for f in s["facts"] if f["kind"] == "hashtag"]
    assert fact["status"] == "agree"
    assert sorted(m["text"] for m in fact["mentions"]) == ["#MarchForAll", "#marchforall"]
    page = (out / "stories" / "march.md").read_text(encoding="utf-8")
    assert 'data-kind="Hashtag"' in page
    assert ">hashtags</a>" in page  # the kind filter takes the registered plural
    assert "#only-kind-hashtag:target" in page  # and works without JavaScript


def test_an_unregistered_kind_gets_plain_words_and_ranks_last():
    kind = fact_kind("vote_count")
    assert (kind.word, kind.plural) == ("Vote count", "Vote counts")
    assert kind.weight > max(k.weight for k in fact_kinds())


def test_registering_a_kind_again_differently_is_refused():
    number = fact_kind("number")
    assert register_kind(number) is number
    with pytest.raises(ValueError, match="registered twice"):
        register_kind(FactKind("number", "Figure", "Figures", number.weight))


def test_builtin_kinds_rank_counts_first_and_spellings_last():
    names = [k.name for k in fact_kinds()]
    assert names[:4] == ["number", "date", "quote", "claim"]
    assert set(names[4:]) == {"name", "place"}
