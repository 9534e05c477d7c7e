#!/usr/bin/env python3
"""Every number and date fact label of the demo and the dev set, to read through for ones no reader would write.

usage: python bench/labels.py [--shared ../shared] [--kind number --kind date] [--cache-dir DIR]

Prints one line per fact (story, kind, status, label, the key it was made from), sorted and
de-duplicated, for the demo site (seeds/) and every dev-set cluster but the held-out one.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from held_out import HELD_OUT  # noqa: E402


def main() -> int:
    from generator.pipeline import BuildConfig, build_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--kind", action="append", help="fact kind (repeatable; default: number and date)")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".cache" / "bench-labels")
    args = parser.parse_args()
    kinds = set(args.kind or ("number", "date"))
    with tempfile.TemporaryDirectory() as tmp:
        dev = Path(tmp)
        for cluster in sorted(p for p in (args.shared / "devset").iterdir() if p.is_dir() and p.name != HELD_OUT):
            shutil.copytree(cluster, dev / cluster.name, ignore=shutil.ignore_patterns("gold.yaml"))
        lines = set()
        for seeds in (ROOT / "seeds", dev):
            model = build_model(BuildConfig(seeds, cache_dir=args.cache_dir, workers=1))
            for story in model.stories:
                for fact in story.facts:
                    if fact.kind in kinds:
                        key = fact.mentions[0].key.split("@")[0]
                        lines.add(f"{story.id[:24]:24} {fact.kind:6} {fact.status:6} {fact.label:60} key={key}")
    print("\n".join(sorted(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
