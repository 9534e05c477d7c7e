"""Command line: `build` a whole site, or `export` its pages and data for hosts without the plugin.

    python -m generator build --seeds DIR --site-dir OUT
    python -m generator export --seeds DIR --out DIR

Warnings (one line each, naming the file) go to stderr; the exit status is 0
when a site was built, 1 with a one-line error when none could be.
"""

from __future__ import annotations

import argparse
import ctypes
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: builds there are not serialised
    fcntl = None

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
    with _output_lock(out):
        _clean_leftovers(out)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        except OSError as exc:
            raise BuildFailed(f"cannot write beside {out}: {_reason(exc)}") from exc
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
            build(config)
            staging.chmod(_readable_mode())
            _replace_dir(staging, out)
        except (MkDocsException, OSError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailed(f"site not built: {_reason(exc)}") from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if args.write_lock and args.anchors_lock:
            _write_anchors_lock(out / "data" / "anchors.json", args.anchors_lock)
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
    with _output_lock(out):
        previous = read_anchor_files(p for p in (out / "data" / "anchors.json", args.anchors_lock) if p)
        model = build_model(
            BuildConfig(
                seeds=args.seeds.resolve(),
                cache_dir=None if args.no_cache else args.cache_dir,
                max_bytes=args.max_bytes,
                previous_anchors=previous,
            )
        )
        for problem in model.problems:
            logging.getLogger("parallax").warning("%s", problem)
        try:
            for rel, content in sorted(render_site(model, args.site_url).items()):
                path = out / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
        except OSError as exc:
            raise BuildFailed(f"export not written: {_reason(exc)}") from exc
        if args.write_lock and args.anchors_lock:
            _write_anchors_lock(out / "data" / "anchors.json", args.anchors_lock)
    print(f"Exported {_summary(model)} into {out}", file=sys.stderr)
    return 0


@contextmanager
def _output_lock(out: Path) -> Iterator[None]:
    """One build at a time per output folder: a second build waits for the first, and says so.

    The lock is an advisory lock on a file beside the output folder, held for the
    whole build (from reading the previous anchors to the swap), so two builds can
    neither lose each other's ids nor interleave their swaps. The system drops it
    when a build dies, so a killed build never blocks the next one.
    """
    lock = out.parent / f".{out.name}.lock"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock, "a+b")  # noqa: SIM115 - held open for the whole build
    except OSError as exc:
        raise BuildFailed(f"cannot write beside {out} (lock file {lock.name}): {_reason(exc)}") from exc
    with handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"Waiting: another build into {out} is running (lock {lock})", file=sys.stderr)
                fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _clean_leftovers(out: Path) -> None:
    """Remove what killed builds left beside `out`; if one died mid-swap with `out` gone, put the old site back."""
    for leftover in sorted(out.parent.iterdir()):
        if leftover.name.startswith(f".{out.name}.old-") and leftover.is_dir():
            kept = leftover / "site"
            if not out.exists() and kept.is_dir():
                kept.rename(out)
            shutil.rmtree(leftover, ignore_errors=True)
        elif leftover.name.startswith(f".{out.name}.building-") and leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _readable_mode() -> int:
    """Folder permissions as the user's umask asks (a temporary folder starts as 0700, unreadable to a web server)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _write_anchors_lock(anchors_json: Path, lock: Path) -> None:
    """The site is built either way: a lock file that cannot be written is a warning."""
    try:
        shutil.copyfile(anchors_json, lock)
    except OSError as exc:
        logging.getLogger("parallax").warning("%s: anchors lock not written (%s)", lock, _reason(exc))


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _check_seeds(seeds: Path) -> None:
    if not seeds.is_dir():
        raise BuildFailed(f"{seeds}: no such folder of articles")


def _replace_dir(new: Path, target: Path) -> None:
    """Swap the finished build into place, so a failed build never leaves a half-written site.

    Where the system can exchange two folders in one step (Linux `renameat2`),
    there is no moment without a site at `target`. Elsewhere the old site is
    moved aside first; if the build dies right then, the next build puts it back.
    """
    if target.exists() and _exchange(new, target):
        _remove(new)  # now the old site
        return
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        target.rename(old / "site")
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 with RENAME_EXCHANGE); False where that is not available."""
    try:
        rename_at2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return rename_at2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _summary(model) -> str:
    stories = [s for s in model.stories if s.sources]
    facts = sum(len(s.facts) for s in stories)
    sources = sum(len(s.sources) for s in stories)
    return f"{len(stories)} stories, {sources} articles, {facts} facts"
