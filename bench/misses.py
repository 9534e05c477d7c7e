#!/usr/bin/env python3
"""Why gold facts are missed: for each core mention of a missed fact, what extraction and alignment made of it.

usage: python bench/misses.py --cluster NAME [--cluster NAME ...] [--kind number] [--all]

For every gold fact the build does not find whole, each core outlet's fragment is
shown with the extracted mentions lying on it (kind, key, value) and the group each
ended up in (listed or not, how many outlets). The reason is one of: `not extracted`
(no mention of the fact's kind on the fragment), `furniture` (the fragment lies in
page furniture), `not listed` (aligned into a group that is not published), `split`
(mentions of the fact's kind exist in every core outlet but land in different groups),
`kind mismatch` (only mentions of another kind lie on it). Never run it on a held-out cluster.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from held_out import HELD_OUT  # noqa: E402

from generator.align import align_story  # noqa: E402
from generator.ingest import read_corpus  # noqa: E402
from generator.pipeline import ArticleJob, _reference_dates, extract_article  # noqa: E402


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("gold_score", shared / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def diagnose(shared: Path, cluster: str, kinds: set[str] | None, show_all: bool) -> Counter:
    if cluster == HELD_OUT:
        raise SystemExit("held-out cluster: not diagnosed")
    folder = shared / "devset" / cluster
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    scorer = _scorer(shared)
    corpus = read_corpus(folder, 5_000_000)
    by_name = {Path(s.path).name: s for s in corpus.sources}
    refs = _reference_dates(list(corpus.sources))
    mentions = {}
    for s in corpus.sources:
        mentions[s.id] = extract_article(ArticleJob(s, *refs[s.id]))
    groups = align_story(cluster, list(corpus.sources), [m for s in corpus.sources for m in mentions[s.id]])
    where = {}
    for gi, g in enumerate(groups):
        for m in g.mentions:
            where[(m.source, m.start, m.end, m.kind)] = gi
    reasons: Counter = Counter()
    for fact in gold["facts"]:
        if kinds and fact["kind"] not in kinds:
            continue
        rows, group_sets = [], []
        for gid in fact["core"]:
            source = by_name[gold["sources"][gid]]
            span = scorer.find_span(source.text, fact["mentions"][gid])
            on = [m for m in mentions[source.id] if scorer.overlap((m.start, m.end), span)]
            furn = any(f.start < span[1] and span[0] < f.end for f in source.furniture)
            same = [m for m in on if m.kind == fact["kind"]]
            group_sets.append({where.get((m.source, m.start, m.end, m.kind)) for m in same})
            rows.append((gid, fact["mentions"][gid], on, furn, same))
        common = set.intersection(*group_sets) if group_sets else set()
        listed_common = {g for g in common if g is not None and groups[g].listed}
        if listed_common and not show_all:
            continue
        if any(not same for _, _, _, _, same in rows):
            missing = [r for r in rows if not r[4]]
            if all(r[3] for r in missing):
                reason = "furniture"
            elif all(r[2] for r in missing):
                reason = "kind mismatch"
            else:
                reason = "not extracted"
        elif common:
            reason = "not listed" if not listed_common else "found"
        else:
            reason = "split"
        reasons[(fact["kind"], reason)] += 1
        print(f"== {cluster} {fact['key']} [{fact['kind']}/{fact['status']}] -> {reason}")
        for gid, frag, on, furn, _same in rows:
            print(f"   {gid}: {frag[:90]!r}{' FURNITURE' if furn else ''}")
            for m in on:
                gi = where.get((m.source, m.start, m.end, m.kind))
                g = groups[gi] if gi is not None else None
                ginfo = f"g{gi} {'L' if g.listed else '-'} n={len({x.source for x in g.mentions})}" if g else "nogroup"
                print(f"      {m.kind:6} {ginfo:14} key={m.key!r} value={(m.value or '')[:60]!r} text={m.text[:50]!r}")
    return reasons


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cluster", action="append", required=True)
    parser.add_argument("--kind", action="append")
    parser.add_argument("--all", action="store_true", help="also show found facts")
    args = parser.parse_args()
    total: Counter = Counter()
    for cluster in args.cluster:
        total += diagnose(args.shared, cluster, set(args.kind) if args.kind else None, args.all)
    for (kind, reason), n in sorted(total.items()):
        print(f"{kind:8} {reason:15} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
