"""Command line: `build` a whole site, or `export` its pages and data for hosts without the plugin.

    python -m generator build --seeds DIR --site-dir OUT
    python -m generator export --seeds DIR --out DIR

Warnings (one line each, naming the file) go to stderr; the exit status is 0
when a site was built, 1 with a one-line error when none could be.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from generator import __version__

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = ROOT / "mkdocs.yml"
DEFAULT_CACHE = ROOT / ".cache" / "parallax"


class BuildFailed(Exception):
    """No site could be built; the message is the one-line reason."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _log_to_stderr(args.verbose)
    try:
        return args.run(args)
    except BuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--seeds", type=Path, required=True, help="folder of articles (read recursively)")
        p.add_argument(
            "--cache-dir", type=Path, default=DEFAULT_CACHE, help="extraction cache (default: .cache/parallax)"
        )
        p.add_argument("--no-cache", action="store_true", help="extract everything again; write no cache")
        p.add_argument("--anchors-lock", type=Path, help="anchors.json of earlier builds to keep ids from (read)")
        p.add_argument("--write-lock", action="store_true", help="also write the new anchors to --anchors-lock")
        p.add_argument("--max-bytes", type=int, default=5_000_000, help="skip articles larger than this (default 5 MB)")
        p.add_argument("-v", "--verbose", action="store_true", help="also print progress")
        p.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core; 1: none)")
        p.add_argument("--dask-scheduler", metavar="ADDRESS", help="run extraction and alignment on this Dask cluster")
        p.add_argument(
            "--dask-local",
            action="store_const",
            const="local",
            dest="dask_scheduler",
            help="run extraction and alignment on a local Dask cluster of --workers processes",
        )

    build = sub.add_parser("build", help="build the complete static site into --site-dir")
    common(build)
    build.add_argument(
        "--site-dir", type=Path, required=True, help="output folder, replaced only when the build succeeds"
    )
    build.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="mkdocs.yml to build with")
    build.add_argument("--site-url", help="public address of the site, used in citations")
    build.set_defaults(run=run_build)

    export = sub.add_parser("export", help="write the generated pages (Markdown) and data files, without MkDocs")
    common(export)
    export.add_argument("--out", type=Path, required=True, help="folder to write into")
    export.add_argument("--site-url", help="public address of the site, used in citations")
    export.set_defaults(run=run_export)
    return parser


def _log_to_stderr(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname_lower)s: %(message)s"))
    handler.addFilter(_lower_level)
    for name in ("mkdocs", "parallax"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO if verbose else logging.WARNING)
        logger.propagate = False


def _lower_level(record: logging.LogRecord) -> bool:
    record.levelname_lower = record.levelname.lower()
    return True


def run_build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _check_seeds(args.seeds)
    out = args.site_dir.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        config = load_config(
            config_file=str(args.config),
            site_dir=str(staging),
            **({"site_url": args.site_url} if args.site_url else {}),
        )
        plugin = config.plugins.get("parallax")
        if plugin is None:
            raise BuildFailed(f"{args.config}: the parallax plugin is not enabled")
        plugin.config.seeds = str(args.seeds.resolve())
        plugin.config.cache_dir = None if args.no_cache else str(args.cache_dir.resolve())
        plugin.config.previous_site = str(out)
        plugin.config.anchors_lock = str(args.anchors_lock.resolve()) if args.anchors_lock else None
        plugin.config.max_bytes = args.max_bytes
        plugin.config.workers = args.workers
        plugin.config.dask_scheduler = args.dask_scheduler
        build(config)
        _replace_dir(staging, out)
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"site not built: {' '.join(str(exc).split())}") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if args.write_lock and args.anchors_lock:
        shutil.copyfile(out / "data" / "anchors.json", args.anchors_lock)
    print(f"Built {_summary(plugin.model)} into {out}", file=sys.stderr)
    print(
        f"View it: open {out / 'index.html'} in a browser, or run `.venv/bin/mkdocs serve` for a live preview.",
        file=sys.stderr,
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from generator.pipeline import BuildConfig, build_model, read_anchor_files
    from generator.render import render_site

    _check_seeds(args.seeds)
    out = args.out.resolve()
    previous = read_anchor_files(p for p in (out / "data" / "anchors.json", args.anchors_lock) if p)
    model = build_model(
        BuildConfig(
            seeds=args.seeds.resolve(),
            cache_dir=None if args.no_cache else args.cache_dir,
            max_bytes=args.max_bytes,
            previous_anchors=previous,
            workers=args.workers,
            dask_scheduler=args.dask_scheduler,
        )
    )
    for problem in model.problems:
        logging.getLogger("parallax").warning("%s", problem)
    for rel, content in sorted(render_site(model, args.site_url).items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    if args.write_lock and args.anchors_lock:
        shutil.copyfile(out / "data" / "anchors.json", args.anchors_lock)
    print(f"Exported {_summary(model)} into {out}", file=sys.stderr)
    return 0


def _check_seeds(seeds: Path) -> None:
    if not seeds.is_dir():
        raise BuildFailed(f"{seeds}: no such folder of articles")


def _replace_dir(new: Path, target: Path) -> None:
    """Swap the finished build into place, so a failed build never leaves a half-written site."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        target.rename(old / "site")
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _summary(model) -> str:
    stories = [s for s in model.stories if s.sources]
    facts = sum(len(s.facts) for s in stories)
    sources = sum(len(s.sources) for s in stories)
    return f"{len(stories)} stories, {sources} articles, {facts} facts"
