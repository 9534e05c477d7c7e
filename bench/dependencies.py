#!/usr/bin/env python3
"""What each runtime dependency costs: disk, import time, and its share of a build.

usage: python bench/dependencies.py [--seeds DIR]

For every package Parallax declares (and what it pulls in), prints the size of its
installed files; for each one the build imports, the time `import` takes in a fresh
process; and, from one cProfile'd build of the corpus (data only, no site), the
seconds spent in each package's code, where time in the standard library and in
built-ins (a C method, a compiled model's kernel) counts for the packages that call
them. A library earns its place by what it does for the facts (bench/quality.py)
against these figures.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROJECT = "parallax-news"
PYTHON = "python (standard library, not charged to a caller)"


def closure(name: str) -> dict[str, metadata.Distribution]:
    """The distribution and everything it requires at run time (no extras), by normalised name."""
    found: dict[str, metadata.Distribution] = {}
    todo = [name]
    while todo:
        wanted = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if wanted in found:
            continue
        try:
            dist = metadata.distribution(wanted)
        except metadata.PackageNotFoundError:
            continue
        found[wanted] = dist
        for line in dist.requires or ():
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return found


def installed_bytes(dist: metadata.Distribution) -> int:
    total = 0
    for file in dist.files or ():
        path = Path(dist.locate_file(file))
        if path.is_file():
            total += path.stat().st_size
    return total


def declared() -> list[str]:
    """The project's own run-time requirements, by normalised name."""
    dist = metadata.distribution(PROJECT)
    names = []
    for line in dist.requires or ():
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            names.append(re.sub(r"[-_.]+", "-", req.name).lower())
    return names


def top_modules(dist: metadata.Distribution) -> list[str]:
    text = dist.read_text("top_level.txt")
    if text:
        return [m for m in text.split() if not m.startswith("_")]
    return sorted({Path(str(f)).parts[0] for f in dist.files or () if str(f).endswith("/__init__.py")})


def import_seconds(module: str) -> float | None:
    """Cumulative import time of one module in a fresh interpreter, from `-X importtime`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        return None
    for line in reversed(result.stderr.splitlines()):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1]) / 1e6
    return None


def build_profile(seeds: Path) -> tuple[float, dict[str, float]]:
    """One data-only build under cProfile: total seconds and own-code seconds per top-level package."""
    from generator.pipeline import BuildConfig, build_model

    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory() as cache:
        profile.enable()
        build_model(BuildConfig(seeds=seeds, cache_dir=Path(cache)))
        profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    shares: dict[tuple, dict[str, float]] = {}

    def owners(func: tuple, seen: frozenset = frozenset()) -> dict[str, float]:
        """Whose work a function's own time is: its package's, or for the standard library and
        built-ins (a C method, a compiled model's kernel), that of the packages calling it."""
        if func in shares:
            return shares[func]
        package = _package_of(func[0])
        callers = stats[func][4] if func in stats else {}
        if package != PYTHON or not callers or func in seen:
            result = {package: 1.0}
        else:
            weight = sum(edge[3] for edge in callers.values()) or 1.0
            result = defaultdict(float)
            for caller, edge in callers.items():
                for owner, share in owners(caller, seen | {func}).items():
                    result[owner] += share * edge[3] / weight
        if not seen:
            shares[func] = result
        return result

    per_package: dict[str, float] = defaultdict(float)
    total = 0.0
    for func, (_, _, own, _, _) in stats.items():
        total += own
        for owner, share in owners(func).items():
            per_package[owner] += own * share
    return total, per_package


def _package_of(filename: str) -> str:
    path = Path(filename)
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1].removesuffix(".py")
    if ROOT in path.parents:
        return "parallax"
    return PYTHON


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="corpus to profile a build of")
    args = parser.parse_args()

    everything = closure(PROJECT)
    direct = declared()
    print(f"{'declared package':32} {'own MB':>8} {'with deps MB':>13} {'import s':>9}")
    for name in direct:
        dist = everything.get(name)
        if dist is None:
            print(f"{name:32} not installed")
            continue
        own = installed_bytes(dist) / 1e6
        deps = closure(name)
        with_deps = sum(installed_bytes(d) for d in deps.values()) / 1e6
        seconds = [s for m in top_modules(dist)[:1] if (s := import_seconds(m)) is not None]
        shown = f"{seconds[0]:9.2f}" if seconds else f"{'-':>9}"
        print(f"{name:32} {own:8.1f} {with_deps:13.1f} {shown}")
    total_mb = sum(installed_bytes(d) for d in everything.values()) / 1e6
    print(f"{'all run-time packages':32} {'':8} {total_mb:13.1f}   ({len(everything)} distributions)")

    total, per_package = build_profile(args.seeds)
    print(f"\nbuild of {args.seeds} (data only, cold cache, under cProfile): {total:.1f} s of own time")
    for package, seconds in sorted(per_package.items(), key=lambda p: -p[1])[:15]:
        print(f"  {package:52} {seconds:7.2f} s  {100 * seconds / total:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
