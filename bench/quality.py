#!/usr/bin/env python3
"""Score extraction and alignment against the gold files: the demo corpus and every dev-set cluster.

usage: python bench/quality.py [--shared ../shared] [--cluster NAME ...] [--verbose]

Builds each cluster on its own (data only, no site), runs ../shared/gold/score.py
on it and prints per-cluster figures and the dev set's pooled ones: recall, partial recall,
status accuracy, false alarms, noise hits, and one precision figure the scorer cannot give:
`mixed`, the multi-outlet facts that join mentions of two different gold facts (one outlet's
mention lies on one gold fact, another's on a different one, and neither on both).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.data import comparison_json  # noqa: E402
from generator.pipeline import BuildConfig, build_model  # noqa: E402


def clusters(shared: Path) -> list[tuple[str, Path, Path]]:
    found = [("demo", shared / "seeds", shared / "gold" / "seeds.yaml")]
    for gold in sorted((shared / "devset").glob("*/gold.yaml")):
        found.append((gold.parent.name, gold.parent, gold))
    return found


def score(shared: Path, seeds: Path, gold: Path, cache: Path, verbose: bool) -> dict:
    model = build_model(BuildConfig(seeds=seeds, cache_dir=cache))
    comparison = comparison_json(model)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "comparison.json"
        out.write_text(comparison, encoding="utf-8")
        scorer = shared / "gold" / "score.py"
        args = [sys.executable, str(scorer), str(gold), str(seeds), str(out)]
        if verbose:
            print(subprocess.run([*args, "--verbose"], capture_output=True, text=True).stdout)
        result = subprocess.run([*args, "--json"], capture_output=True, text=True, check=True)
    scored = json.loads(result.stdout)
    scored["mixed"] = mixed_facts(_scorer(shared), gold, seeds, json.loads(comparison))
    if verbose:
        for fact_id in scored["mixed"]:
            print("mixed:", fact_id)
    return scored


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("gold_score", shared / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mixed_facts(scorer, gold_path: Path, seeds: Path, comparison: dict) -> list[str]:
    """Ids of multi-outlet facts holding mentions of two different gold facts (in different outlets)."""
    import yaml

    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    texts = {sid: (seeds / name).read_text(encoding="utf-8") for sid, name in gold["sources"].items()}
    by_path = {name: sid for sid, name in gold["sources"].items()}
    to_gold = {s["id"]: by_path.get(Path(s["path"]).name) for s in comparison["sources"]}
    spans: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for fact in gold["facts"]:
        for sid, fragment in fact["mentions"].items():
            span = scorer.find_span(texts[sid], fragment)
            if span:
                spans.setdefault(sid, []).append((fact["key"], span))
    mixed = []
    for story in comparison["stories"]:
        for fact in story["facts"]:
            if len({m["source"] for m in fact["mentions"]}) < 2:
                continue
            touched = []  # (outlet, gold keys its mention lies on)
            for m in fact["mentions"]:
                sid = to_gold.get(m["source"])
                keys = {k for k, span in spans.get(sid, []) if scorer.overlap((m["start"], m["end"]), span)}
                if keys:
                    touched.append((m["source"], keys))
            if any(a != b and not (ka & kb) for a, ka in touched for b, kb in touched):
                mixed.append(fact["id"])
    return mixed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cluster", action="append", help="only these clusters (demo, or a dev-set folder name)")
    parser.add_argument("--verbose", action="store_true", help="print the scorer's per-fact rows")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".cache" / "quality")
    args = parser.parse_args()
    pooled = {"gold": 0, "found": 0, "partial": 0.0, "status_n": 0, "status_ok": 0, "false_alarms": 0, "noise": 0}
    pooled["mixed"] = 0
    columns = ("recall", "partial", "status", "alarms", "noise", "mixed", "singles", "differ", "facts")
    print(f"{'cluster':28} " + " ".join(f"{c:>7}" for c in columns))
    for name, seeds, gold in clusters(args.shared):
        if args.cluster and name not in args.cluster:
            continue
        result = score(args.shared, seeds, gold, args.cache_dir, args.verbose)
        s, rows = result["summary"], result["rows"]
        status = "-" if s["status_accuracy"] is None else f"{s['status_accuracy']:.3f}"
        print(
            f"{name:28} {s['recall']:7.3f} {s['partial_recall']:7.3f} {status:>7} {s['false_alarms']:7d} "
            f"{s['noise_hits']:7d} {len(result['mixed']):7d} {s['singles_found']:>7} {s['differ_out']:7d} "
            f"{s['facts_out']:7d}"
        )
        if name == "demo":  # the targets pool the dev set only
            continue
        judged = [r for r in rows if r["found"] and r["gold_status"] != "any"]
        pooled["gold"] += s["gold_facts"]
        pooled["found"] += sum(r["found"] for r in rows)
        pooled["partial"] += s["partial_recall"] * s["gold_facts"]
        pooled["status_n"] += len(judged)
        pooled["status_ok"] += sum(r["gold_status"] == r["build_status"] for r in judged)
        pooled["false_alarms"] += s["false_alarms"]
        pooled["noise"] += s["noise_hits"]
        pooled["mixed"] += len(result["mixed"])
    if pooled["gold"]:
        acc = pooled["status_ok"] / pooled["status_n"] if pooled["status_n"] else 0.0
        print(
            f"{'dev set, pooled':28} {pooled['found'] / pooled['gold']:7.3f} {pooled['partial'] / pooled['gold']:7.3f} "
            f"{acc:7.3f} {pooled['false_alarms']:7d} {pooled['noise']:7d} {pooled['mixed']:7d}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
