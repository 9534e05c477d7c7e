"""Read a folder of articles into `Source`s; every unreadable file becomes a one-line problem.

Formats: `.txt` (first non-empty line is the headline), `.md` (optional YAML front
matter) and `.html`/`.htm` (text and metadata by trafilatura). Metadata comes from
front matter, else a `NAME.yaml` beside the file, else the folder's `sources.yaml`
keyed by file name, else what the text itself tells.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath

import yaml

from generator import furniture, naming
from generator.model import Source, Span

ARTICLE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
METADATA_FIELDS = ("outlet", "author", "title", "url", "published", "kind", "story")
DEFAULT_MAX_BYTES = 5_000_000
FALLBACK_ENCODING = "cp1252"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_SAFE_URL = re.compile(r"\Ahttps?://[^\s<>\"']+\Z", re.I)


class InputError(Exception):
    """A file that cannot be read as an article; the message says why in one line."""


@dataclass(frozen=True)
class Problem:
    """A file skipped or read with a caveat; reported on one line naming the file."""

    path: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Corpus:
    sources: tuple[Source, ...]
    problems: tuple[Problem, ...]
    story_titles: dict[str, str]


def read_corpus(root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Read every article under `root`, in path order, so ids and output never depend on the file system."""
    root = Path(root)
    sources: list[Source] = []
    problems: list[Problem] = []
    titles: dict[str, str] = {}
    for folder, files in _article_files(root):
        sidecar, sidecar_problem = _folder_metadata(folder, root)
        if sidecar_problem:
            problems.append(sidecar_problem)
        for path in files:
            rel = path.relative_to(root).as_posix()
            own, own_problem = _file_metadata(path, root)
            if own_problem:
                problems.append(own_problem)
            meta = {**sidecar.get(path.name, {}), **own}
            try:
                source, notes = read_article(path, rel, _default_story(root, folder), meta, max_bytes)
            except InputError as exc:
                problems.append(Problem(rel, f"skipped: {exc}"))
                continue
            problems.extend(Problem(rel, note, skipped=False) for note in notes)
            sources.append(source)
        if (story_meta := sidecar.get("_story")) and isinstance(story_meta, dict):
            titles[_default_story(root, folder)] = str(story_meta.get("title", ""))
    _check_unique_ids(sources)
    return Corpus(tuple(sources), tuple(problems), titles)


def _article_files(root: Path) -> Iterator[tuple[Path, list[Path]]]:
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    folders: dict[Path, list[Path]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith("."):
            folders.setdefault(path.parent, []).append(path)
    yield from sorted(folders.items())


def _default_story(root: Path, folder: Path) -> str:
    rel = folder.relative_to(root).as_posix()
    return slugify(root.resolve().name if rel == "." else rel)


def _folder_metadata(folder: Path, root: Path) -> tuple[dict, Problem | None]:
    """The folder's `sources.yaml`: metadata keyed by file name (and `_story` for the story's title)."""
    data, problem = _yaml_mapping(folder / "sources.yaml", root, "a mapping from file names to metadata")
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}, problem


def _file_metadata(path: Path, root: Path) -> tuple[dict, Problem | None]:
    """`NAME.yaml` beside `NAME.txt`: metadata for that one file (never the folder's `sources.yaml`)."""
    sidecar = path.with_suffix(".yaml")
    if sidecar.name == "sources.yaml":
        return {}, None
    return _yaml_mapping(sidecar, root, "a mapping of metadata fields")


def _yaml_mapping(path: Path, root: Path, expected: str) -> tuple[dict, Problem | None]:
    """A YAML file holding a mapping; a missing file is empty, a broken one is a warning, never fatal."""
    if not path.is_file():
        return {}, None
    rel = path.relative_to(root).as_posix()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        return {}, Problem(rel, f"ignored: not valid YAML ({_one_line(exc)})", skipped=False)
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, Problem(rel, f"ignored: expected {expected}", skipped=False)
    return data, None


def read_article(
    path: Path, rel: str, story: str, sidecar: dict, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Source, list[str]]:
    """Read one file into a Source, or raise InputError; also return caveats worth a warning."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({_one_line(exc)})") from exc
    if not data.strip():
        raise InputError("file is empty")
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        raise InputError("file is binary, not text")
    notes: list[str] = []
    text, encoding_note = decode(data)
    if encoding_note:
        notes.append(encoding_note)
    fmt = ARTICLE_SUFFIXES[path.suffix.lower()]
    meta: dict = {}
    if fmt == "html":
        text, meta = _html_text(text)
        body = Span(0, len(text))
        headline = meta.get("title")
    else:
        body_start = 0
        if fmt == "markdown" and (match := _FRONT_MATTER.match(text)):
            body_start = match.end()
            try:
                loaded = yaml.safe_load(match.group(1))
            except yaml.YAMLError as exc:
                notes.append(f"malformed front matter ignored ({_one_line(exc)})")
                loaded = {}
            if loaded is not None and not isinstance(loaded, dict):
                notes.append("front matter ignored: not a mapping of fields")
                loaded = {}
            meta = loaded or {}
        headline_span = _first_line(text, body_start)
        headline = text[headline_span.start : headline_span.end].lstrip("# ").strip() if headline_span else None
        body = Span(headline_span.end if headline_span else body_start, len(text))
    if not text[body.start : body.end].strip():
        raise InputError("no article text after the headline")
    merged = {k: sidecar.get(k) for k in METADATA_FIELDS if sidecar.get(k) not in (None, "")}
    merged.update({k: meta[k] for k in METADATA_FIELDS if meta.get(k) not in (None, "")})
    published, date_note = _date(merged.get("published"))
    if date_note:
        notes.append(date_note)
    url, url_note = _url(merged.get("url"))
    if url_note:
        notes.append(url_note)
    stem = PurePosixPath(rel).with_suffix("").as_posix()
    source = Source(
        id=slugify(stem.replace("/", "-")),
        path=rel,
        story=slugify(str(merged["story"])) if merged.get("story") else story,
        outlet=_text(merged.get("outlet")) or _outlet_from(url) or naming.outlet_from_filename(PurePosixPath(rel).stem),
        title=_text(merged.get("title")) or _text(headline) or PurePosixPath(rel).stem,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        body=body,
        url=url,
        published=published,
        author=_text(merged.get("author")),
        kind=_text(merged.get("kind")),
        furniture=furniture.detect(text, body),
        notes=tuple(notes),
    )
    return source, notes


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (with or without BOM), else a single-byte fallback that always decodes, said aloud."""
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"), None
    except UnicodeDecodeError as exc:
        try:
            text = data.decode(FALLBACK_ENCODING)
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        return text, f"not valid UTF-8 (byte {exc.start}); read as {FALLBACK_ENCODING}"


def _looks_binary(head: bytes) -> bool:
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 100)


def _html_text(html: str) -> tuple[str, dict]:
    """Main text and metadata of a saved page; scripts, navigation and boilerplate are dropped."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    if doc is None:
        raise InputError("no article text found in the HTML page")
    doc = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (doc.get("text") or "").strip()
    if not text:
        raise InputError("no article text found in the HTML page")
    meta = {
        "title": doc.get("title"),
        "author": doc.get("author"),
        "published": doc.get("date"),
        "outlet": doc.get("sitename"),
        "url": doc.get("url"),
    }
    return text + "\n", {k: v for k, v in meta.items() if v}


def _first_line(text: str, start: int) -> Span | None:
    match = re.compile(r"[^\S\n]*(\S[^\n]*)").search(text, start)
    if not match:
        return None
    return Span(match.start(1), match.end(1))


def _date(value: object) -> tuple[date | None, str | None]:
    if value in (None, ""):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    try:
        return date.fromisoformat(str(value).strip()[:10]), None
    except ValueError:
        return None, f"published date {str(value)[:40]!r} is not YYYY-MM-DD; ignored"


def _url(value: object) -> tuple[str | None, str | None]:
    """Only http(s) URLs are kept: a `javascript:` or `data:` URL must never become a link."""
    if value in (None, ""):
        return None, None
    url = str(value).strip()
    if _SAFE_URL.match(url):
        return url, None
    return None, f"url {url[:40]!r} is not an http(s) address; ignored"


def _outlet_from(url: str | None) -> str | None:
    if not url:
        return None
    host = re.sub(r"^https?://", "", url).split("/")[0].lower()
    return host.removeprefix("www.") or None


def _text(value: object) -> str | None:
    if value in (None, ""):
        return None
    return " ".join(str(value).split())


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120]


def _check_unique_ids(sources: list[Source]) -> None:
    seen: dict[str, int] = {}
    for i, source in enumerate(sources):
        n = seen.get(source.id, 0)
        seen[source.id] = n + 1
        if n:
            sources[i] = replace(source, id=f"{source.id}-{n + 1}")


def slugify(value: str) -> str:
    """Lower-case ASCII letters, digits and hyphens; ids and URLs are made from this."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"
