#!/usr/bin/env python3
"""Print every multi-outlet quote and claim fact of a cluster, for reading precision by hand.

usage: python bench/groups.py SEEDS_FOLDER [--kind quote --kind claim]

Each fact prints its status, verdict, label and every member sentence with its outlet, so a reader can
judge whether the group states one fact and whether the verdict is right.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import BuildConfig, build_model  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--kind", action="append", help="fact kinds to print (default: quote, claim)")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".cache" / "quality")
    args = parser.parse_args()
    kinds = set(args.kind or ["quote", "claim"])
    model = build_model(BuildConfig(seeds=args.seeds, cache_dir=args.cache_dir))
    for story in model.stories:
        outlets = {s.id: s.outlet for s in story.sources}
        for fact in story.facts:
            if fact.kind not in kinds or len(fact.sources) < 2:
                continue
            print(f"[{fact.kind}] {fact.status.upper()} | {fact.label}\n    verdict: {fact.verdict}")
            for m in fact.mentions:
                sentence = " ".join(m.text.split()) if fact.kind == "quote" else " ".join(m.text.split())
                who = f" ({m.speaker})" if m.speaker else ""
                print(f"    - {outlets.get(m.source, m.source)}{who}: {sentence[:220]}")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
