#!/usr/bin/env python3
"""Whether a number-word or unit library would earn its place: install size, import cost, and what it reads.

usage: python bench/libraries.py [--path DIR ...]

Candidates are text2num and number-parser (number words, against
the extractor's amount reader) and pint and quantulum3 (units, against
`generator.units.convert`). Each is scored on the written amounts of a fixed
table drawn from the demo and dev-set articles (number words, vague amounts,
units): how many it reads to the value Parallax needs, how many Parallax reads,
its size on disk (its own files, without dependencies) and its import time in a
fresh process. A library not installed is reported as such; `--path` adds
folders (e.g. a `pip install --target` folder) to look in. None is a
dependency: a library would be added only where it reads more than Parallax does.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.extract.numbers import _value as parse_amount  # noqa: E402
from generator.units import convert  # noqa: E402

# (written amount, value Parallax needs); from the demo and dev-set articles.
NUMBER_WORDS = [
    ("twenty-six", 26),  # geysers
    ("eleven", 11),  # kimani
    ("seven", 7),  # kimani, jeffs
    ("three", 3),  # athens, troy
    ("two", 2),  # queens, jeffs
    ("fifty", 50),
    ("one hundred", 100),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a", Decimal("0.5")),  # queens "half a mile"
    ("hundreds of thousands", None),  # a vague amount: an interval, not a figure (netanyahu)
]
# (amount, unit word, canonical unit, value in it)
UNIT_PHRASES = [
    ("120", "mph", "km/h", Decimal("193.12128")),  # troy
    ("30", "miles", "km", Decimal("48.28032")),  # troy
    ("170,000", "square feet", "m2", Decimal("15793.5168")),  # troy
    ("1.2", "miles", "km", Decimal("1.9312128")),  # geysers
    ("26", "miles", "km", Decimal("41.842944")),  # geysers
    ("5.4", "per cent", "%", Decimal("5.4")),  # athens
    ("17.5", "inches", None, None),  # amd: a unit Parallax does not convert
    ("55", "minutes", "min", Decimal(55)),  # jeffs
    ("24", "hour", "min", Decimal(1440)),  # athens "24-hour strike"
]
PACKAGES = {"text2num": "text_to_num", "number-parser": "number_parser", "pint": "pint", "quantulum3": "quantulum3"}


def size_kib(dist: str) -> int | None:
    """The package's own installed files (no dependencies), in KiB."""
    try:
        files = importlib.metadata.distribution(dist).files or []
    except importlib.metadata.PackageNotFoundError:
        return None
    return sum(f.locate().stat().st_size for f in files if f.locate().is_file()) // 1024


def import_seconds(module: str, paths: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip())


def ours_numbers() -> int:
    return sum(parse_amount(text) == value for text, value in NUMBER_WORDS if value is not None)


def ours_units() -> int:
    ok = 0
    for amount, unit, canonical, value in UNIT_PHRASES:
        got, got_unit = convert(Decimal(amount.replace(",", "")), unit)
        ok += canonical is not None and got_unit == canonical and abs(got - value) < Decimal("0.01")
    return ok


def theirs(dist: str) -> int | None:
    """How many of the table's amounts the library reads to the needed value."""
    try:
        if dist == "text2num":
            from text_to_num import text2num

            return sum(_safe(lambda t=t: text2num(t, "en")) == v for t, v in NUMBER_WORDS if v is not None)
        if dist == "number-parser":
            from number_parser import parse_number as np_parse

            return sum(_safe(lambda t=t: np_parse(t)) == v for t, v in NUMBER_WORDS if v is not None)
        if dist == "pint":
            import pint

            ureg = pint.UnitRegistry()
            target = {"km/h": "km/h", "km": "km", "m2": "m**2", "%": "percent", "min": "minute"}
            ok = 0
            for amount, unit, canonical, value in UNIT_PHRASES:
                q = _safe(lambda a=amount, u=unit: ureg.Quantity(float(a.replace(",", "")), u.replace(" ", "_")))
                if q is None or canonical is None:
                    continue
                got = _safe(lambda q=q, c=canonical: q.to(target[c]).magnitude)
                ok += got is not None and abs(Decimal(str(got)) - value) < Decimal("0.01")
            return ok
        if dist == "quantulum3":
            from quantulum3 import parser

            ok = 0
            for amount, unit, canonical, _value in UNIT_PHRASES:
                found = _safe(lambda a=amount, u=unit: parser.parse(f"{a} {u}"))
                ok += bool(found) and canonical is not None and found[0].unit.name != "dimensionless"
            return ok
    except ImportError as error:
        return f"cannot import: {error.name}"
    return None


def _safe(fn):
    try:
        return fn()
    except (ValueError, TypeError, AttributeError, KeyError, LookupError, ArithmeticError):
        return None
    except Exception as error:  # noqa: BLE001 - a library's own error types; the bench reports, never stops
        return None if type(error).__module__.split(".")[0] in ("pint", "quantulum3") else _reraise(error)


def _reraise(error: Exception):
    raise error


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", action="append", default=[], help="also look for the libraries here")
    args = parser.parse_args()
    paths = [str(Path(p).resolve()) for p in args.path]
    sys.path[:0] = paths
    importlib.invalidate_caches()
    print(f"number words: Parallax reads {ours_numbers()}/{sum(v is not None for _, v in NUMBER_WORDS)}")
    print(f"unit phrases: Parallax reads {ours_units()}/{sum(c is not None for *_, c, _v in UNIT_PHRASES)}")
    print(f"{'library':16} {'KiB':>7} {'import s':>9} {'reads':>6}")
    for dist, module in PACKAGES.items():
        size = size_kib(dist)
        if size is None:
            print(f"{dist:16} not installed")
            continue
        start = time.perf_counter()
        reads = theirs(dist)
        first_use = time.perf_counter() - start
        print(f"{dist:16} {size:7d} {import_seconds(module, paths):9.3f} {reads!s:>6}  (first use {first_use:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
