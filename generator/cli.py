"""Command line: `build` a whole site, or `export` its pages and data for hosts without the plugin.

    parallax build --seeds DIR --site-dir OUT      (or: python -m generator build ...)
    parallax export --seeds DIR --out DIR

Warnings (one line each, naming the file) go to stderr; the exit status is 0
when a site was built, 1 with a one-line error when none could be, 2 for a
command line that makes no sense.
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
from importlib import resources
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: builds there are not serialised
    fcntl = None

from generator import __version__

DEFAULT_CACHE = Path(".cache/parallax")  # relative to the working directory, like every path given on the command line
DEFAULT_MAX_BYTES = 5_000_000
log = logging.getLogger("parallax")


class BuildFailed(Exception):
    """No site could be built; the message is the one-line reason."""


def default_config() -> Path:
    """Parallax's own mkdocs settings, shipped in the package (the repository's mkdocs.yml inherits them)."""
    return Path(str(resources.files("generator") / "default_mkdocs.yml"))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.write_lock and not args.anchors_lock:
        parser.error("--write-lock needs --anchors-lock FILE: the lock file to write the anchors back to")
    if args.no_cache and args.cache_dir is not None:
        parser.error("--no-cache and --cache-dir contradict each other: give one")
    if args.site_url and not args.site_url.startswith(("http://", "https://")):
        parser.error(f"--site-url {args.site_url}: give the public address, starting with http:// or https://")
    output = args.site_dir if args.run is run_build else args.out
    if _overlap(output, args.seeds):
        parser.error(f"the output folder {output} and the articles in {args.seeds} overlap: choose another output")
    if args.cache_dir is None:
        args.cache_dir = DEFAULT_CACHE
    if args.dask_local:
        args.dask_scheduler = "local"
    errors = _log_to_stderr(args.verbose - args.quiet)
    try:
        status = args.run(args)
    except BuildFailed as exc:
        # MkDocs logs the reason, then aborts with a generic message: say the reason, once.
        print(f"error: {errors.first or exc}", file=sys.stderr)
        return 1
    errors.flush()
    return status


def _overlap(a: Path, b: Path) -> bool:
    """One folder is the other or inside it: replacing the site would delete the articles, or the export would
    write pages where the next build reads articles."""
    a, b = a.resolve(), b.resolve()
    return a == b or a in b.parents or b in a.parents


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of bytes")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parallax", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--seeds", metavar="DIR", type=Path, required=True, help="folder of articles (read recursively)")
        p.add_argument(
            "--site-url", metavar="URL", help="public address of the site (http or https), used in citations"
        )
        p.add_argument(
            "--cache-dir",
            metavar="DIR",
            type=Path,
            help=f"extraction cache (default: {DEFAULT_CACHE} in the working directory)",
        )
        p.add_argument("--no-cache", action="store_true", help="extract everything again; write no cache")
        p.add_argument(
            "--anchors-lock", metavar="FILE", type=Path, help="anchors.json of earlier builds to keep ids from (read)"
        )
        p.add_argument("--write-lock", action="store_true", help="also write the new anchors to --anchors-lock")
        p.add_argument(
            "--max-bytes",
            metavar="N",
            type=_positive,
            default=DEFAULT_MAX_BYTES,
            help="skip articles larger than this (default: %(default)s)",
        )
        loudness = p.add_mutually_exclusive_group()
        loudness.add_argument(
            "-v", "--verbose", action="count", default=0, help="also print progress (-vv: debugging detail)"
        )
        loudness.add_argument("-q", "--quiet", action="count", default=0, help="print errors only")
        p.add_argument(
            "--workers",
            metavar="N",
            type=int,
            default=0,
            help="worker processes (default: %(default)s, one per core; 1: none)",
        )
        cluster = p.add_mutually_exclusive_group()
        cluster.add_argument(
            "--dask-scheduler", metavar="ADDRESS", help="run extraction and alignment on this Dask cluster"
        )
        cluster.add_argument(
            "--dask-local",
            action="store_true",
            help="run extraction and alignment on a local Dask cluster of --workers processes",
        )

    build = sub.add_parser("build", help="build the complete static site into --site-dir")
    common(build)
    build.add_argument(
        "--site-dir",
        metavar="OUT",
        type=Path,
        required=True,
        help="output folder, replaced only when the build succeeds",
    )
    build.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        default=None,
        help="mkdocs.yml to build with (default: Parallax's own settings, shipped in the package)",
    )
    build.set_defaults(run=run_build)

    export = sub.add_parser("export", help="write the generated pages (Markdown) and data files, without MkDocs")
    common(export)
    export.add_argument("--out", metavar="DIR", type=Path, required=True, help="folder to write into")
    export.set_defaults(run=run_export)
    return parser


class _HeldErrors(logging.Filter):
    """Holds back MkDocs' error records, so a failed build says its reason once, as the one error line."""

    def __init__(self, handler: logging.Handler) -> None:
        super().__init__()
        self.handler = handler
        self.records: list[logging.LogRecord] = []

    @property
    def first(self) -> str | None:
        return self.records[0].getMessage() if self.records else None

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelname_lower = record.levelname.lower()
        if record.levelno >= logging.ERROR and record.name.startswith("mkdocs"):
            self.records.append(record)
            return False
        return True

    def flush(self) -> None:
        """The build went on after all: print what was held back."""
        for record in self.records:
            self.handler.handle(record)
        self.records.clear()


def _log_to_stderr(loudness: int) -> _HeldErrors:
    """-q: errors only; default: warnings and the closing summary; -v: progress too; -vv: debugging detail."""
    level = (
        logging.ERROR if loudness < 0 else (logging.WARNING, logging.INFO)[loudness] if loudness < 2 else logging.DEBUG
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname_lower)s: %(message)s"))
    held = _HeldErrors(handler)
    handler.addFilter(held)
    for name in ("mkdocs", "parallax"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
    return held


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
                config_file=str(args.config or default_config()),
                site_dir=str(staging),
                **({"site_url": args.site_url} if args.site_url else {}),
            )
            plugin = config.plugins.get("parallax")
            if plugin is None:
                raise BuildFailed(f"{args.config}: the parallax plugin is not enabled there")
            plugin.config.seeds = str(args.seeds.resolve())
            plugin.config.cache_dir = None if args.no_cache else str(args.cache_dir.resolve())
            plugin.config.previous_site = str(out)
            plugin.config.anchors_lock = str(args.anchors_lock.resolve()) if args.anchors_lock else None
            plugin.config.max_bytes = args.max_bytes
            plugin.config.workers = args.workers
            plugin.config.dask_scheduler = args.dask_scheduler
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
    _say(args, f"Built {_summary(plugin.model)} into {out}")
    _say(args, f"View it: open {out / 'index.html'} in a browser (`mkdocs serve` beside a mkdocs.yml previews live).")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from generator.cache import MODEL_CACHE_FOLDERS, prune
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
                workers=args.workers,
                dask_scheduler=args.dask_scheduler,
            )
        )
        for problem in model.problems:
            log.warning("%s", problem)
        _require_articles(model, args.seeds)
        try:
            for rel, content in sorted(render_site(model, args.site_url).items()):
                path = out / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
        except OSError as exc:
            raise BuildFailed(f"export not written: {_reason(exc)}") from exc
        if args.write_lock and args.anchors_lock:
            _write_anchors_lock(out / "data" / "anchors.json", args.anchors_lock)
        if not args.no_cache:  # what the model no longer needs goes, as after a build; pages are not exported's
            prune(args.cache_dir, model.cache_used, MODEL_CACHE_FOLDERS)
    _say(args, f"Exported {_summary(model)} into {out}")
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
    log.info("reading the articles in %s", seeds)


def _require_articles(model, seeds: Path) -> None:
    """The same rule as the plugin's: no readable article, no site."""
    if not any(story.sources for story in model.stories):
        raise BuildFailed(f"{seeds}: no readable articles, so no site was built")


def _say(args: argparse.Namespace, line: str) -> None:
    """The closing summary: on stderr with the warnings, and not under -q."""
    if not args.quiet:
        print(line, file=sys.stderr)


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
