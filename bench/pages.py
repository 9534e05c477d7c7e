#!/usr/bin/env python3
"""Story-page weights, DOM node counts, sideways scroll on a phone and printed A4 pages, in Chromium.

usage: python bench/pages.py [--shared ../shared] [--cluster NAME ...] [--cache-dir DIR]

Builds the demo site (seeds/) and a site from dev-set clusters (every cluster but the held-out one
by default), then loads every story page in Debian's chromium (Playwright) and prints, per story:
HTML bytes, DOM elements after load, whether a 390 px wide viewport scrolls sideways, and how many
A4 pages the demo story and the largest dev-set story print to (the target is for the demo story).
The search index size is printed per site. Targets (issue 10): demo story <= 300 KB, largest
dev-set story <= 600 KB, DOM <= 4,000, no sideways scroll, <= 20 printed pages for the demo story.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from held_out import HELD_OUT  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
TARGETS = {"html_kb_demo": 300, "html_kb_dev": 600, "dom": 4000, "print_pages": 20}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(seeds: Path, out: Path, cache: Path) -> None:
    cmd = [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--site-dir", str(out)]
    done = subprocess.run([*cmd, "--cache-dir", str(cache)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"build of {seeds} failed: {done.stderr.strip()[-500:]}")


def dev_seeds(shared: Path, clusters: list[str], into: Path) -> Path:
    """A seeds folder holding copies of the chosen clusters' articles (never the held-out one, never gold)."""
    for name in clusters:
        if name == HELD_OUT:
            raise SystemExit(f"{HELD_OUT} is held out")
        shutil.copytree(shared / "devset" / name, into / name, ignore=shutil.ignore_patterns("gold.yaml"))
    return into


def measure(site: Path, print_story: str | None) -> list[dict]:
    from playwright.sync_api import sync_playwright

    comparison = json.loads((site / "data" / "comparison.json").read_text(encoding="utf-8"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for story in comparison["stories"]:
                html = site / story["url"] / "index.html"
                row = {"story": story["id"], "kb": html.stat().st_size / 1024, "facts": len(story["facts"])}
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + story["url"])
                page.wait_for_load_state("load")
                row["dom"] = page.evaluate("document.getElementsByTagName('*').length")
                row["height_1280"] = page.evaluate("document.documentElement.scrollHeight")
                if story["id"] == print_story:
                    pdf = page.pdf(format="A4", print_background=False)
                    row["print_pages"] = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
                page.close()
                phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
                phone.goto(base + story["url"])
                phone.wait_for_load_state("load")
                row["sideways_390"] = phone.evaluate(
                    "document.documentElement.scrollWidth > document.documentElement.clientWidth"
                )
                row["height_390"] = phone.evaluate("document.documentElement.scrollHeight")
                phone.close()
                rows.append(row)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def report(name: str, site: Path, rows: list[dict], kb_target: int) -> bool:
    index = site / "search" / "search_index.json"
    size = index.stat().st_size / 1024 if index.exists() else 0
    print(f"\n{name}: search index {size:,.0f} KB")
    print(f"{'story':34} {'facts':>5} {'KB':>7} {'DOM':>6} {'390px sideways':>14} {'px tall 1280/390':>17} {'A4':>4}")
    ok = True
    for r in rows:
        pages = r.get("print_pages", "")
        print(
            f"{r['story'][:34]:34} {r['facts']:5d} {r['kb']:7.0f} {r['dom']:6d} {str(r['sideways_390']):>14}"
            f" {r['height_1280']:>8}/{r['height_390']:<8} {pages!s:>4}"
        )
        ok &= r["kb"] <= kb_target and r["dom"] <= TARGETS["dom"] and not r["sideways_390"]
        ok &= pages == "" or pages <= TARGETS["print_pages"] or kb_target != TARGETS["html_kb_demo"]
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cluster", action="append", help="dev-set cluster (repeatable; default: all but held out)")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".cache" / "bench-pages")
    args = parser.parse_args()
    clusters = args.cluster or sorted(
        p.name for p in (args.shared / "devset").iterdir() if p.is_dir() and p.name != HELD_OUT
    )
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(ROOT / "seeds", tmp / "demo", args.cache_dir)
        demo_rows = measure(tmp / "demo", print_story=None)
        largest_demo = max(demo_rows, key=lambda r: r["kb"])["story"]
        demo_rows = measure(tmp / "demo", print_story=largest_demo)
        ok &= report("demo site (seeds/)", tmp / "demo", demo_rows, TARGETS["html_kb_demo"])
        build(dev_seeds(args.shared, clusters, tmp / "dev-seeds"), tmp / "dev", args.cache_dir)
        dev_rows = measure(tmp / "dev", print_story=None)
        largest_dev = max(dev_rows, key=lambda r: r["kb"])["story"]
        dev_rows = measure(tmp / "dev", print_story=largest_dev)
        ok &= report(f"dev-set site ({len(clusters)} clusters)", tmp / "dev", dev_rows, TARGETS["html_kb_dev"])
        biggest = max(dev_rows, key=lambda r: r["kb"])
        print(f"\nlargest dev-set story: {biggest['story']} ({biggest['kb']:.0f} KB, {biggest['dom']} elements)")
    print("targets:", "met" if ok else "NOT met", TARGETS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
