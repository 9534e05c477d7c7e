#!/usr/bin/env python3
"""Print every multi-outlet fact of a cluster, for reading precision by hand.

usage: python bench/groups.py SEEDS_FOLDER [--kind quote --kind claim --kind number --kind date --kind name]

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
        texts = {s.id: s.text for s in story.sources}
        for fact in story.facts:
            if fact.kind not in kinds or len(fact.sources) < 2:
                continue
            print(f"[{fact.kind}] {fact.status.upper()} | {fact.label}\n    verdict: {fact.verdict}")
            for m in fact.mentions:
                who = f" ({m.speaker})" if m.speaker else ""
                if fact.kind in ("quote", "claim"):
                    print(f"    - {outlets.get(m.source, m.source)}{who}: {' '.join(m.text.split())[:220]}")
                    continue
                # numbers, dates, names: the value, then the sentence it sits in (the mention text is short)
                sentence = " ".join(texts[m.source][m.sentence.start : m.sentence.end].split())
                print(f"    - {outlets.get(m.source, m.source)}: [{m.text}] = {m.value} | {sentence[:260]}")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
