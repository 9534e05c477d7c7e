"""Quality guard: the build must keep finding what a careful reader finds, without false alarms.

Figures measured with bench/quality.py. On the demo corpus the assertions are the targets:
every gold fact found, every agree/differ verdict right, every single found, no noise.
On the dev set they are floors at what is measured today (per cluster and pooled), so
that no change makes things worse; raise them as the work goes on, never lower them.
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


# Recall per dev-set cluster today (bench/quality.py): no change may lose a gold fact anywhere.
# Claims now group only statements of one happening (issue 8): athens, dnc, kimani, jeffs and pelosi
# each lost a gold fact or more that was held together by a shared number or time alone, or by a
# group that mixed two statements (hand-read: claim groups stating one fact 68% -> 88%).
RECALL_FLOOR = {
    "amd_seamicro_2012": 0.45,
    "athens_bank_fire_2010": 0.75,
    "dnc_russia_lawsuit_2018": 0.50,
    "geysers_quake_2013": 0.75,
    "kimani_gray_2013": 0.75,
    "netanyahu_iran_files_2018": 0.82,
    "pelosi_leader_vote_2016": 0.50,  # 0.40 before ages of a bare surname and lead dates (pelosi-age, vote-day)
    "queens_hit_and_run_2013": 0.30,  # 0.25 before a model year stopped being read as a date (crash-time)
    "troy_office_shooting_2007": 0.94,
    "warren_jeffs_trial_2011": 0.55,
}


def _dev(results: dict[str, dict]) -> dict[str, dict]:
    return {k: v for k, v in results.items() if k != "demo"}


def test_every_dev_cluster_keeps_its_recall(results):
    dev = _dev(results)
    assert sorted(dev) == sorted(RECALL_FLOOR)
    for name, result in dev.items():
        assert result["summary"]["recall"] >= RECALL_FLOOR[name], name


def test_dev_set_false_alarms_and_noise_do_not_grow(results):
    dev = {k: v["summary"] for k, v in _dev(results).items()}
    assert sum(s["false_alarms"] for s in dev.values()) == 0
    assert sum(s["noise_hits"] for s in dev.values()) == 0
    assert sum(s["one_source_marked_corroborated"] for s in dev.values()) == 0
    assert sum(s["invalid_mentions"] for s in dev.values()) == 0


def test_dev_set_pooled_figures_keep_their_level(results):
    dev = _dev(results)
    rows = [r for v in dev.values() for r in v["rows"]]
    recall = sum(r["found"] for r in rows) / len(rows)
    partial = sum(v["summary"]["partial_recall"] * len(v["rows"]) for v in dev.values()) / len(rows)
    judged = [r for r in rows if r["found"] and r["gold_status"] != "any"]
    accuracy = sum(r["gold_status"] == r["build_status"] for r in judged) / len(judged)
    assert recall >= 0.62  # 0.606 before lead dates, model years and bare surnames after an age (issue 8)
    assert partial >= 0.815  # 0.817 once a long org name cut short joins its full form (jeffs)
    assert accuracy >= 0.97  # 0.976 once figures inside claims are read (athens: 5.4 per cent vs 3.9 percent)
