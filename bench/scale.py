#!/usr/bin/env python3
"""Build times and peak memory at 100, 300 and 1,000 articles, next to this machine's floor.

usage: python bench/scale.py [--sizes 100 300 1000] [--corpus DIR] [--repo DIR] [--workers N] [--check-identical]

Makes the perturbed dev-set corpus with ../shared/bench/make_corpus.py (or reuses
--corpus), then for each size runs `python -m generator build` as a user would:
cold (empty cache), warm (nothing changed) and with one article edited, each a
fresh process. Peak memory is the largest sum of resident memory over the build's
processes (the build and its workers), sampled every 0.1 s. The floor, measured
in the same run, is spaCy's pipeline over the same texts with two processes plus
a plain Jinja2 render of as many pages. --repo times another checkout (e.g. an
older commit) with this interpreter. --check-identical also rebuilds the edited corpus from
scratch (no cache, over the site as it was before the edit, so the same ids were published before)
and says whether the edited build's site is byte-identical to it; that costs one more cold build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EDIT = "\n\nOfficials said on Thursday that 14 more people had been questioned.\n"

FLOOR_SPACY = """
import sys, time
from pathlib import Path
from generator.nlp import pipeline
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
nlp = pipeline()
start = time.perf_counter()
for _ in nlp.pipe(texts, n_process=2, batch_size=4):
    pass
print(time.perf_counter() - start)
"""

FLOOR_JINJA = """
import sys, time, tempfile
from pathlib import Path
from jinja2 import Environment
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
page = Environment(autoescape=True).from_string(
    "<html><head><title>{{ title }}</title></head><body><h1>{{ title }}</h1>"
    "{% for para in paras %}<p>{{ para }}</p>{% endfor %}</body></html>")
start = time.perf_counter()
with tempfile.TemporaryDirectory() as out:
    for i, text in enumerate(texts):
        lines = text.splitlines()
        html = page.render(title=lines[0] if lines else "", paras=[x for x in lines[1:] if x.strip()])
        Path(out, f"{i}.html").write_text(html, encoding="utf-8")
print(time.perf_counter() - start)
"""


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = int(statm[1]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def measured(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak MiB (summed over the process tree) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return seconds, peak / 2**20


def build(repo: Path, seeds: Path, out: Path, cache: Path | None, workers: int) -> tuple[float, float]:
    cmd = [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--site-dir", str(out)]
    cmd += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    if workers:
        cmd += ["--workers", str(workers)]
    return measured(cmd, repo)


def floor(seeds: Path) -> tuple[float, float]:
    """Seconds for spaCy over the texts with two processes, and for a plain Jinja2 render of as many pages."""
    times = []
    for script in (FLOOR_SPACY, FLOOR_JINJA):
        result = subprocess.run(
            [sys.executable, "-c", script, str(seeds)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        times.append(float(result.stdout.strip().splitlines()[-1]))
    return times[0], times[1]


def edited_article(seeds: Path) -> Path:
    """The first article of the middle story: the one the edited build changes."""
    stories = sorted(p for p in seeds.iterdir() if p.is_dir())
    return sorted(stories[len(stories) // 2].glob("*.txt"))[0]


def tree_differences(a: Path, b: Path) -> list[str]:
    """Files present in one tree only, or with other bytes, as paths relative to the trees."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = [p for p in files_a & files_b if (a / p).read_bytes() != (b / p).read_bytes()]
    return sorted(str(p) for p in (files_a ^ files_b) | set(differ))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000], choices=[10, 100, 300, 1000])
    parser.add_argument("--corpus", type=Path, help="folder made by make_corpus.py (default: made now)")
    parser.add_argument("--repo", type=Path, default=ROOT, help="checkout to time (default: this one)")
    parser.add_argument("--workers", type=int, default=0, help="pass --workers to the build (0: its default)")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--check-identical", action="store_true", help="compare the edited build with a clean one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="parallax-scale-") as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "corpus"
            subprocess.run(
                [sys.executable, str(args.shared / "bench" / "make_corpus.py"), str(corpus)],
                check=True,
                capture_output=True,
            )
        print(f"repo {args.repo.resolve()}, {os.cpu_count()} cores")
        header = (
            f"{'articles':>8} {'floor s':>8} {'(spaCy':>7} {'jinja)':>7} {'cold s':>7} {'warm s':>7} "
            f"{'edit s':>7} {'cold MiB':>9} {'warm MiB':>9} {'edit MiB':>9} {'cold/fl':>8} {'warm/c':>7} {'edit/c':>7}"
        )
        print(header)
        for size in args.sizes:
            seeds = Path(tmp) / f"c{size}"
            shutil.copytree(corpus / f"c{size}", seeds)
            spacy_s, jinja_s = floor(seeds)
            work = Path(tmp) / f"build{size}"
            out, cache = work / "site", work / "cache"
            cold, cold_mb = build(args.repo, seeds, out, cache, args.workers)
            warm, warm_mb = build(args.repo, seeds, out, cache, args.workers)
            clean = work / "clean"
            if args.check_identical:
                shutil.copytree(out, clean)
            article = edited_article(seeds)
            article.write_text(article.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
            edit, edit_mb = build(args.repo, seeds, out, cache, args.workers)
            differences = None
            if args.check_identical:
                build(args.repo, seeds, clean, None, args.workers)
                differences = tree_differences(out, clean)
            shutil.rmtree(work)
            shutil.rmtree(seeds)
            fl = spacy_s + jinja_s
            print(
                f"{size:8d} {fl:8.1f} {spacy_s:7.1f} {jinja_s:7.1f} {cold:7.1f} {warm:7.1f} {edit:7.1f} "
                f"{cold_mb:9.0f} {warm_mb:9.0f} {edit_mb:9.0f} {cold / fl:8.2f} {warm / cold:7.2f} {edit / cold:7.2f}",
                flush=True,
            )
            if differences is not None:
                said = "identical" if not differences else f"{len(differences)} files differ: {differences[:5]}"
                print(f"{'':8} edited build against a clean rebuild: {said}", flush=True)
    print("targets at 1,000: cold/floor <= 1.5, warm/cold <= 0.05, edit/cold <= 0.10, peak <= 1.5 GB, flat")
    return 0


if __name__ == "__main__":
    sys.exit(main())
