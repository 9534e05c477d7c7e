"""A file cache of each story's alignment, so a story nobody touched is not aligned again.

The key covers everything alignment reads: the story id, every source's
metadata and text, the cache keys of its mentions (which carry the extractor
versions), and the source code of the aligners and every module of ours they
import. Ids are not cached: `anchors` assigns them site-wide from the groups,
as on a full build. Entries are JSON, like the mention cache; nothing is unpickled.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from generator.align import Group, aligner_files
from generator.anchors import AnchorRecord
from generator.cache import (
    json_ready,
    mention_from_typed,
    typed_object,
    write_json_atomically,
    write_json_or_skip,
)
from generator.copies import CopyGroup, CopyPair
from generator.dating import comparison_date
from generator.model import FactOutline, NameEntry, RetiredAnchor, Source, Spelling, Story

STORY_CACHE_FORMAT = 1
PAGE_ENTRY_LAYOUT = 2  # a story's page rows, its data part and its pages' HTML in three files
PACKAGE = Path(__file__).resolve().parent
log = logging.getLogger("parallax")


@functools.cache
def alignment_code() -> str:
    """A digest of the aligners' source and of every `generator` module they import, transitively.

    The aligners are found where they registered (a kind's module may live outside `align/`,
    even outside this package), not by reading import lines: `align` imports its modules by
    listing its folder.
    """
    seen: set[Path] = set()
    todo = [*sorted((PACKAGE / "align").glob("*.py")), *aligner_files()]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        todo.extend(_imported_files(path))
    digest = hashlib.sha256()
    for path in sorted(seen):
        name = path.relative_to(PACKAGE).as_posix() if path.is_relative_to(PACKAGE) else path.name
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _imported_files(path: Path) -> list[Path]:
    """The files of our own modules that one module imports (`generator.x`, `generator.x.y`)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
    files = []
    for name in names:
        parts = name.split(".")
        if parts[0] != "generator":
            continue
        base = PACKAGE.joinpath(*parts[1:])
        files += [base.with_suffix(".py"), base / "__init__.py"]
    return files


def story_key(story: str, sources: Sequence[Source], mention_keys: Sequence[str]) -> str:
    material = json.dumps(
        {
            "format": STORY_CACHE_FORMAT,
            "code": alignment_code(),
            "group_fields": [f.name for f in fields(Group)],
            "story": story,
            "sources": [repr(s) for s in sources],  # every field, text included (repr: far cheaper than asdict)
            "mentions": list(mention_keys),
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(material.encode()).hexdigest()


class GroupCache:
    """A story's groups by key under a folder; a missing or unreadable entry is just a miss."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) / "stories" if folder else None
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def path(self, key: str) -> Path | None:
        """Where a key's entry lives (None: no cache)."""
        return self._path(key) if self.folder is not None else None

    def get(self, key: str) -> list[Group] | None:
        if self.folder is None:
            return None
        try:
            groups = read_groups(self._path(key))
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return groups

    def put(self, key: str, groups: Sequence[Group]) -> None:
        if self.folder is None:
            return
        # Every field survives JSON: test_an_unchanged_story_is_not_aligned_again compares a model read back.
        try:
            write_json_atomically(self._path(key), list(groups))
        except OSError as exc:  # the cache is optional: a full or read-only folder costs speed, not the build
            log.warning("%s: story cache not written (%s)", self.folder, exc.strerror or exc)
            self.folder = None


def read_groups(path: Path) -> list[Group]:
    """A story's cached groups; OSError, ValueError, KeyError or TypeError when the entry is missing or broken."""
    return [group_from_json(r) for r in json.loads(path.read_text(encoding="utf-8"), object_hook=typed_object)]


def group_from_json(row: dict) -> Group:
    """A group from a row read with `typed_object` (its mentions' decimals and dates already typed)."""
    row = dict(row)
    row["mentions"] = tuple(mention_from_typed(m) for m in row["mentions"])
    return Group(**row)


@dataclass(frozen=True)
class StoryOutline:
    """What a story's model is besides its facts' mentions: the facts' ids, what anchors made of the ids it
    published before, its copies and its names. With the story's cached groups, the whole model."""

    outline: tuple[FactOutline, ...]
    retired: tuple[RetiredAnchor, ...]
    records: tuple[AnchorRecord, ...]
    copies: tuple[CopyGroup, ...]
    names: tuple[NameEntry, ...]


class StoryOutlines:
    """Each story's outline by its alignment key and the anchor records its earlier build published.

    With these two unchanged, `anchors.assign` gives the same ids whenever it made none new (a new id
    depends on what other stories took): so only such outcomes are kept, and a warm build neither reads
    an unchanged story's groups nor assigns, detects copies or tables names for it again. The key also
    covers the package's code.
    """

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) / "outlines" if folder else None
        self.used: set[Path] = set()  # the entries this build read or wrote (the rest are pruned after it)
        self._code = package_code() if folder else ""  # once per build: it walks the package

    def key(self, aligned: str, records: Sequence[AnchorRecord]) -> str:
        published = sorted((r.id, r.to_json()) for r in records)
        material = json.dumps([STORY_CACHE_FORMAT, self._code, aligned, published], sort_keys=True)
        return hashlib.sha256(material.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> StoryOutline | None:
        if self.folder is None:
            return None
        path = self._path(key)
        self.used.add(path)
        try:
            row = json.loads(path.read_text(encoding="utf-8"), object_hook=typed_object)
            return StoryOutline(
                outline=tuple(FactOutline(i, k, s, tuple(a)) for i, k, s, a in row["outline"]),
                retired=tuple(RetiredAnchor(**r) for r in row["retired"]),
                records=tuple(_record(r) for r in row["records"]),
                copies=tuple(_copy_group(c) for c in row["copies"]),
                names=tuple(_name_entry(n) for n in row["names"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, entry: StoryOutline) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        self.used.add(path)
        row = json_ready(entry)
        row["outline"] = [[o.id, o.kind, o.status, list(o.aliases)] for o in entry.outline]
        write_json_or_skip(path, row)


def _record(row: dict) -> AnchorRecord:
    return AnchorRecord(**{**row, "members": tuple(row["members"]), "origin": tuple(row["origin"])})


def _copy_group(row: dict) -> CopyGroup:
    return CopyGroup(tuple(row["sources"]), tuple(CopyPair(**p) for p in row["pairs"]), row["credit"])


def _name_entry(row: dict) -> NameEntry:
    return NameEntry(**{**row, "spellings": tuple(Spelling(**s) for s in row["spellings"])})


def package_code() -> str:
    """A digest of every module and template of the package: what a story's rendered pages depend on.

    Read again when a file's size or time changes: `mkdocs serve` rebuilds in one process after a template edit.
    """
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".css", ".js"))
    return _digest(tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@functools.lru_cache(maxsize=4)
def _digest(files: tuple[tuple[Path, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for path, _, _ in files:
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class StoryPages:
    """A story's rendered pages and pictures by a digest of its whole model, so an unchanged story is not rendered.

    The key is the story as the templates see it (its sources, facts with their
    ids, copies, names and retired anchors), the site's address, the old labels
    of its aliases and the package's code and templates: pages are a function of
    these alone, so a hit is byte-identical to rendering again.
    """

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) / "pages" if folder else None
        self._code = package_code() if folder else ""  # once per build: it walks the package
        self.hits = 0
        self.misses = 0
        self._entries: dict[str, Path] = {}  # story id -> its entry, for reading a page's HTML again
        self.used: set[Path] = set()  # the entries this build read or wrote (the rest are pruned after it)
        self._last: tuple[Path, dict] | None = None

    def _path(self, story: Story, site_url: str | None, aliases: dict[str, str], aligned: str | None) -> Path:
        """With the story's alignment key (`aligned`), the model is named by what it is made from: that key, its
        title and the ids, aliases and retired anchors given out; without one, by the whole model."""
        made_of = (aligned, story.id, story.title, [(f.id, f.aliases) for f in story.outline], story.retired)
        # A story with no dated article is cited with the build's date, which other stories' articles move.
        cited = comparison_date(story)
        material = repr(
            (
                STORY_CACHE_FORMAT,
                PAGE_ENTRY_LAYOUT,
                self._code,
                site_url,
                cited,
                sorted(aliases.items()),
                made_of if aligned else story,
            )
        )
        key = hashlib.sha256(material.encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, story: Story, site_url: str | None, aliases: dict[str, str], aligned: str | None) -> dict | None:
        """Each page's row of a story (title, HTML digest, search HTML, hide), or None. Its pages' HTML and its
        data part (`data`) stay in their own files until needed, so a build holds only the story at hand."""
        if self.folder is None:
            return None
        path = self._path(story, site_url, aliases, aligned)
        self.used |= {path, _html_path(path), _data_path(path)}
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        whole = isinstance(entry, dict) and set(entry) == {"pages"} and isinstance(entry["pages"], dict)
        if not whole or not _html_path(path).is_file() or not _data_path(path).is_file():
            self.misses += 1
            return None
        self.hits += 1
        self._entries[story.id] = path
        return entry["pages"]

    def data(self, story_id: str) -> tuple[dict[str, str], str, str] | None:
        """A story `get` found: its pictures, its part of comparison.json and its rows of facts.csv, read when
        the build writes them; None, with a warning, if that file is no longer readable (render it again)."""
        path = _data_path(self._entries[story_id])
        try:
            part = json.loads(path.read_text(encoding="utf-8"))
            return part["files"], part["comparison"], part["csv"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s: page cache entry unreadable (%s); the story is rendered again", path, exc)
            return None

    def page_html(self, story_id: str, page: str) -> str:
        """The HTML of one page of a story `get` found, read from its own file (kept apart from the entry, so a
        warm build whose themed pages are cached never reads it; the last story read is kept: pages of a story
        are drawn one after another)."""
        path = _html_path(self._entries[story_id])
        if self._last is None or self._last[0] != path:
            try:
                self._last = path, json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise OSError(f"{path}: page cache entry unreadable mid-build ({exc}); build again") from exc
        return self._last[1][page]

    def put(
        self,
        story: Story,
        site_url: str | None,
        aliases: dict[str, str],
        aligned: str | None,
        pages: dict[str, list],
        data: dict[str, object],
        html: dict[str, str],
    ) -> None:
        """Keep a story's page rows and, apart, its data part and its pages' HTML (written first: an entry always
        has both)."""
        if self.folder is None:
            return
        path = self._path(story, site_url, aliases, aligned)
        self.used |= {path, _html_path(path), _data_path(path)}
        try:
            write_json_atomically(_html_path(path), html)
            write_json_atomically(_data_path(path), data)
            write_json_atomically(path, {"pages": pages})
        except OSError as exc:
            log.warning("%s: page cache not written (%s)", self.folder, exc.strerror or exc)
            self.folder = None
            return
        self._entries[story.id] = path

    def holds(self, story_id: str) -> bool:
        """Whether `page_html` and `data` can read this story back (found or written in this build)."""
        return story_id in self._entries


def _html_path(entry: Path) -> Path:
    return entry.with_suffix(".html.json")


def _data_path(entry: Path) -> Path:
    return entry.with_suffix(".data.json")


CACHED_TEMPLATE = "parallax-cached.html"  # what a page whose themed HTML is in the cache is rendered with


class ThemedPages:
    """Generated pages as the theme renders them, so a warm build does not run the theme's templates again.

    A page's themed HTML is a function of its content and title, its place in the
    navigation (the whole navigation is drawn, its own entry and neighbours marked),
    the MkDocs settings, MkDocs' and the theme's versions and the build date: the
    key covers all of them. On a hit the page is rendered with an empty stand-in
    template and its output replaced by the cached HTML.
    """

    def __init__(self, folder: Path | None, config) -> None:
        self.folder = Path(folder) / "themed" if folder else None
        self._site = _settings_digest(config) if folder else ""
        self._nav = ""
        self._keys: dict[str, tuple[Path, bool]] = {}
        self.hits = 0
        self.used: set[Path] = set()  # the entries this build read or wrote (the rest are pruned after it)

    def set_nav(self, nav) -> None:
        self._nav = hashlib.sha256(repr(_nav_items(nav.items)).encode()).hexdigest()

    def look_up(self, page, parts) -> None:
        """Choose the stand-in template for a page whose themed HTML is cached."""
        if self.folder is None:
            return
        material = repr(
            (
                STORY_CACHE_FORMAT,
                self._site,
                self._nav,
                os.environ.get("SOURCE_DATE_EPOCH"),
                page.file.src_uri,
                page.url,
                page.title,
                sorted(page.meta.items(), key=lambda kv: kv[0]),
                str(page.toc),
                str(page.file.inclusion),
                [(p.url, p.title) if p else None for p in (page.previous_page, page.next_page)],
                parts.digest,
                parts.search_html is not None,
            )
        )
        key = hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()
        path = self.folder / key[:2] / f"{key}.html"
        hit = path.is_file()
        self._keys[page.file.src_uri] = (path, hit)
        self.used |= {path, path.with_suffix(".search.json")}
        if hit:
            page.meta["template"] = CACHED_TEMPLATE

    def cached(self, page) -> bool:
        """Whether the page's themed HTML comes from the cache (then its content is never drawn)."""
        return self._keys.get(page.file.src_uri, (None, False))[1]

    def search_entries(self, page) -> list | None:
        """The search entries a page whose themed HTML is cached gave when it was indexed, or None."""
        path, hit = self._keys.get(page.file.src_uri, (None, False))
        if not hit:
            return None
        try:
            entries = json.loads(path.with_suffix(".search.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entries if isinstance(entries, list) else None

    def keep_search_entries(self, page, entries: list) -> None:
        path, hit = self._keys.get(page.file.src_uri, (None, False))
        if path is None or self.folder is None:
            return
        write_json_or_skip(
            path.with_suffix(".search.json"), entries, sort_keys=False
        )  # the index keeps their key order

    def output(self, page, output: str) -> str:
        path, hit = self._keys.pop(page.file.src_uri, (None, False))
        if path is None:
            return output
        if hit:
            try:
                self.hits += 1
                return path.read_bytes().decode("utf-8", "surrogatepass")
            except (OSError, UnicodeDecodeError) as exc:
                raise OSError(f"{path}: cached page unreadable ({exc}); build again with --no-cache") from exc
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(output.encode("utf-8", "surrogatepass"))
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("%s: themed page cache not written (%s)", self.folder, exc.strerror or exc)
            self.folder = None
        return output


def _nav_items(items) -> list:
    return [
        (type(i).__name__, i.title, getattr(i, "url", None), _nav_items(getattr(i, "children", None) or []))
        for i in items
    ]


def _settings_digest(config) -> str:
    """Everything of the MkDocs settings that can show in a themed page (not where the site is written)."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return ""

    skip = ("site_dir", "plugins", "config_file_path", "theme")
    settings = {k: repr(v) for k, v in config.items() if k not in skip}
    theme = config.theme  # its static templates are a set: sorted, so the digest does not follow the hash seed
    settings["theme"] = repr((theme.name, theme.dirs, sorted(theme.static_templates), sorted(dict(theme).items())))
    plugins = {name: repr(dict(p.config)) for name, p in config.plugins.items() if name != "parallax"}
    material = (package_code(), installed("mkdocs"), installed("mkdocs-material"), settings, plugins)
    return hashlib.sha256(repr(material).encode()).hexdigest()
