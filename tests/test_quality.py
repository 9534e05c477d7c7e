"""Quality guard: the build must keep finding what a careful reader finds, without false alarms.

Figures measured with bench/quality.py; the assertions are the project's targets:
on the demo corpus every gold fact found, every agree/differ verdict right, every
single found, no noise; on the dev set, pooled, recall 0.75, partial recall 0.9,
status accuracy 0.9, no false alarm and no noise.
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))
import quality  # noqa: E402


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    cache = tmp_path_factory.mktemp("quality-cache")
    clusters = quality.clusters(SHARED)
    return {name: quality.score(SHARED, seeds, gold, cache, verbose=False) for name, seeds, gold in clusters}


def test_demo_finds_every_gold_fact_and_single_without_noise(results):
    s = results["demo"]["summary"]
    assert s["recall"] == 1.0
    assert s["noise_hits"] == 0 and s["false_alarms"] == 0 and s["invalid_mentions"] == 0
    found, total = map(int, s["singles_found"].split("/"))
    assert found == total
    assert s["status_accuracy"] == 1.0


def test_dev_set_has_no_false_alarm_or_noise(results):
    dev = {k: v["summary"] for k, v in results.items() if k != "demo"}
    assert len(dev) == 5
    assert sum(s["false_alarms"] for s in dev.values()) == 0
    assert sum(s["noise_hits"] for s in dev.values()) == 0
    assert sum(s["one_source_marked_corroborated"] for s in dev.values()) == 0


def test_dev_set_pooled_figures_reach_the_targets(results):
    dev = {k: v for k, v in results.items() if k != "demo"}
    rows = [r for v in dev.values() for r in v["rows"]]
    recall = sum(r["found"] for r in rows) / len(rows)
    partial = sum(v["summary"]["partial_recall"] * len(v["rows"]) for v in dev.values()) / len(rows)
    judged = [r for r in rows if r["found"] and r["gold_status"] != "any"]
    accuracy = sum(r["gold_status"] == r["build_status"] for r in judged) / len(judged)
    assert recall >= 0.75
    assert partial >= 0.9
    assert accuracy >= 0.9
