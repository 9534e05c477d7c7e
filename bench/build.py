#!/usr/bin/env python3
"""Cold and warm build times (and peak memory) for the demo corpus and the dev set.

usage: python bench/build.py [--shared ../shared] [--repeat N]

Cold: an empty extraction cache, so every article is parsed by spaCy. Warm: the
same build again with the cache filled, so only alignment and rendering run.
Each build is a fresh process, as a user would run it.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(seeds: Path, out: Path, cache: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one `python -m generator build`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--seeds",
            str(seeds),
            "--site-dir",
            str(out),
            "--cache-dir",
            str(cache),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return seconds, peak / 1024


def words(seeds: Path) -> int:
    return sum(
        len(p.read_text(encoding="utf-8", errors="replace").split())
        for p in seeds.rglob("*")
        if p.suffix in (".txt", ".md", ".html", ".htm")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=1, help="warm builds to average")
    args = parser.parse_args()
    corpora = [("demo (seeds/)", ROOT / "seeds"), ("dev set (5 stories)", args.shared / "devset")]
    print(f"{'corpus':22} {'articles':>8} {'words':>7} {'cold s':>7} {'warm s':>7} {'peak MiB':>9}")
    for name, seeds in corpora:
        if not seeds.is_dir():
            print(f"{name:22} missing: {seeds}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out, cache = Path(tmp) / "site", Path(tmp) / "cache"
            cold, peak = timed_build(seeds, out, cache)
            warm = sum(timed_build(seeds, out, cache)[0] for _ in range(args.repeat)) / args.repeat
        n = sum(1 for p in seeds.rglob("*") if p.suffix in (".txt", ".md", ".html", ".htm"))
        print(f"{name:22} {n:8d} {words(seeds):7d} {cold:7.2f} {warm:7.2f} {peak:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
