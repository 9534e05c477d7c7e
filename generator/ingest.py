"""Read a folder of articles into `Source`s; every unreadable file becomes a one-line problem.

Formats are the registered readers of `generator.readers` (`.txt`, `.md`,
`.html`/`.htm`). Metadata comes from front matter, else a `NAME.yaml` beside the
file, else the folder's `sources.yaml` keyed by file name, else what the text
itself tells. Only regular files inside the seeds folder are read: a symbolic
link that leads out of it is skipped, so a contributor cannot publish
`/etc/passwd`. The same article saved twice in one story is read once.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from generator import furniture, naming
from generator.model import Source, Span
from generator.readers import InputError, YamlError, load_yaml, one_line, reader_for

__all__ = ["Corpus", "InputError", "Problem", "decode", "read_article", "read_corpus", "slugify"]

METADATA_FIELDS = ("outlet", "author", "title", "url", "published", "kind", "story")
DEFAULT_MAX_BYTES = 5_000_000
FurnitureReader = Callable[[Sequence[tuple[str, Span]]], list[furniture.PageFurniture]]
FALLBACK_ENCODING = "cp1252"
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters other than tab, newlines, form feed
MAX_SLUG_CHARS = 80  # ids become file and folder names: stay far below the 255-byte limit
_SAFE_URL = re.compile(r"\Ahttps?://[^\s<>\"']+\Z", re.I)
# Longest byte-order marks first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


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


def read_corpus(
    root: Path, max_bytes: int = DEFAULT_MAX_BYTES, read_furniture: FurnitureReader = furniture.read_all
) -> Corpus:
    """Read every article under `root`, in path order, so ids and output never depend on the file system.

    Page furniture is read for all articles at once, by `read_furniture`: the build passes a cached form
    of `furniture.read_all` that runs on its workers.
    """
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    root = root.resolve()
    sources: list[Source] = []
    problems: list[Problem] = []
    titles: dict[str, str] = {}
    folders, walk_problems = _article_files(root)
    problems.extend(walk_problems)
    for folder, files in folders:
        story = _default_story(root, folder)
        sidecar, sidecar_problems = _folder_metadata(folder, root)
        problems.extend(sidecar_problems)
        for path in files:
            rel = path.relative_to(root).as_posix()
            own, own_problems = _file_metadata(path, root)
            problems.extend(own_problems)
            meta = {**sidecar.get(path.name, {}), **own}
            try:
                source, notes = read_article(path, rel, story, meta, max_bytes)
            except InputError as exc:
                problems.append(Problem(rel, f"skipped: {exc}"))
                continue
            problems.extend(Problem(rel, note, skipped=False) for note in notes)
            sources.append(source)
        if (story_meta := sidecar.get("_story")) and isinstance(story_meta.get("title"), str):
            titles[story] = " ".join(story_meta["title"].split())
    sources, duplicate_problems = _without_duplicates(sources)
    problems.extend(duplicate_problems)
    pages = read_furniture([(s.text, s.body) for s in sources])
    sources = [replace(s, furniture=p.spans, stamped=p.stamped) for s, p in zip(sources, pages, strict=True)]
    return Corpus(tuple(_unique_ids(sources)), tuple(problems), titles)


def _article_files(root: Path) -> tuple[list[tuple[Path, list[Path]]], list[Problem]]:
    """Article files per folder, in path order; links out of `root` and odd files are problems, not input."""
    folders: dict[Path, list[Path]] = {}
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        folder = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames:
            if (folder / name).is_symlink():
                problems.append(
                    Problem((folder / name).relative_to(root).as_posix(), _link_reason(folder / name, root, "folder"))
                )
        for name in sorted(filenames):
            path = folder / name
            if name.startswith(".") or reader_for(path.suffix) is None:
                continue
            if reason := _not_inside(path, root):
                problems.append(Problem(path.relative_to(root).as_posix(), reason))
                continue
            folders.setdefault(folder, []).append(path)
    return sorted(folders.items()), sorted(problems, key=lambda p: p.path)


def _link_reason(path: Path, root: Path, what: str) -> str:
    target = path.resolve()
    if target == root or root in target.parents:
        return f"skipped: symbolic link to a {what} inside the seeds folder; not followed"
    return f"skipped: symbolic link to a {what} outside the seeds folder"


def _not_inside(path: Path, root: Path) -> str | None:
    """Why `path` may not be read (a link leading out of `root`, not a regular file), or None."""
    if path.is_symlink():
        target = path.resolve()
        if root not in target.parents:
            return "skipped: symbolic link to a file outside the seeds folder"
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"skipped: cannot be read ({one_line(exc)})"
    if not stat.S_ISREG(mode):
        return "skipped: not a regular file"
    return None


def _default_story(root: Path, folder: Path) -> str:
    rel = folder.relative_to(root).as_posix()
    return slugify(root.name if rel == "." else rel)


def _folder_metadata(folder: Path, root: Path) -> tuple[dict, list[Problem]]:
    """The folder's `sources.yaml`: metadata keyed by file name (and `_story` for the story's title)."""
    data, problems = _yaml_mapping(folder / "sources.yaml", root, "a mapping from file names to metadata")
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}, problems


def _file_metadata(path: Path, root: Path) -> tuple[dict, list[Problem]]:
    """`NAME.yaml` beside `NAME.txt`: metadata for that one file (never the folder's `sources.yaml`)."""
    sidecar = path.with_suffix(".yaml")
    if sidecar.name == "sources.yaml":
        return {}, []
    return _yaml_mapping(sidecar, root, "a mapping of metadata fields")


def _yaml_mapping(path: Path, root: Path, expected: str) -> tuple[dict, list[Problem]]:
    """A YAML file holding a mapping; a missing file is empty, a broken or hostile one is a warning, never fatal."""
    if not path.exists() and not path.is_symlink():
        return {}, []
    rel = path.relative_to(root).as_posix()
    if reason := _not_inside(path, root):
        return {}, [Problem(rel, reason.replace("skipped", "ignored", 1), skipped=False)]
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (YamlError, UnicodeDecodeError, OSError) as exc:
        return {}, [Problem(rel, f"ignored: not valid YAML ({one_line(exc)})", skipped=False)]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(rel, f"ignored: expected {expected}", skipped=False)]
    return data, []


def read_article(
    path: Path,
    rel: str,
    story: str,
    sidecar: dict,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Source, list[str]]:
    """Read one file into a Source (its page furniture not yet read), or raise InputError; also return caveats
    worth a warning."""
    read = reader_for(path.suffix)
    if read is None:
        raise InputError(f"no reader for {path.suffix or 'files without a suffix'}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({one_line(exc)})") from exc
    text, encoding_note = decode(data)
    if not text.strip():
        raise InputError("file is empty")
    if _looks_binary(text[:8192]):
        raise InputError("file is binary, not text")
    parsed = read(text)
    text, body = parsed.text, parsed.body
    notes = [n for n in (encoding_note, *parsed.notes) if n]
    if not text[body.start : body.end].strip():
        raise InputError("no article text after the headline")
    merged = {**_fields(sidecar, notes, "metadata"), **_fields(parsed.meta, notes, "front matter")}
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
        title=_text(merged.get("title")) or _text(parsed.headline) or PurePosixPath(rel).stem,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        body=body,
        url=url,
        published=published,
        author=_text(merged.get("author")),
        kind=_text(merged.get("kind")),
        notes=tuple(notes),
    )
    return source, notes


def _fields(meta: dict, notes: list[str], where: str) -> dict:
    """The known metadata fields that hold one plain value; a list or mapping in their place is noted and ignored."""
    kept = {}
    for name in METADATA_FIELDS:
        value = meta.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, (str, int, float, date)) and not isinstance(value, bool):
            kept[name] = value
        else:
            notes.append(f"{where} field {name!r} ignored: not a single value")
    return kept


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8, or UTF-8/16/32 with a byte-order mark; else a single-byte fallback that always decodes, said aloud."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()}"
                ) from exc
    if b"\x00" in data[:8192]:
        raise InputError("file is binary, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        try:
            text = data.decode(FALLBACK_ENCODING)
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        return text, f"not valid UTF-8 (byte {exc.start}); read as {FALLBACK_ENCODING}"


def _looks_binary(head: str) -> bool:
    controls = len(_CONTROLS.findall(head))
    return "\x00" in head or controls > max(8, len(head) // 100)


def _date(value: object) -> tuple[date | None, str | None]:
    if value in (None, ""):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]), None
    except ValueError:
        if re.match(r"\d{4}-\d{2}-\d{2}\Z", text[:10]):
            return None, f"published date {text[:40]!r} is not a real calendar date; ignored"
        return None, f"published date {text[:40]!r} is not YYYY-MM-DD; ignored"


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


def _normalised(source: Source) -> str:
    body = source.text[source.body.start : source.body.end]
    return " ".join(unicodedata.normalize("NFKC", body).casefold().split())


def _without_duplicates(sources: list[Source]) -> tuple[list[Source], list[Problem]]:
    """One story's copies of the same article text are one outlet, not two: the first in path order is kept."""
    first: dict[tuple[str, str], Source] = {}
    kept, problems = [], []
    for source in sources:
        digest = hashlib.sha256(_normalised(source).encode()).hexdigest()
        original = first.setdefault((source.story, digest), source)
        if original is source:
            kept.append(source)
        else:
            problems.append(Problem(source.path, f"skipped: the same article text as {original.path}"))
    return kept, problems


def _unique_ids(sources: list[Source]) -> list[Source]:
    """Source ids unique however file names collide (`a-b.txt`, `a/b.txt`, `a_b.md`).

    The first file in path order keeps the plain id; the others add a hash of
    their path, which no other file name can produce by accident and which does
    not depend on what else is in the folder.
    """
    plain = {s.id for s in sources}
    used: set[str] = set()
    out = []
    for source in sources:
        sid = source.id
        if sid in used:
            digest = hashlib.sha1(source.path.encode()).hexdigest()
            n = 8
            while sid in used or sid in plain:
                sid, n = _bounded(f"{source.id}-{digest[:n]}"), n + 4
        used.add(sid)
        out.append(replace(source, id=sid) if sid != source.id else source)
    return out


def _bounded(slug: str) -> str:
    """Keep a slug short enough to be a file name; a cut one ends in a hash of the whole, so it stays unique."""
    if len(slug) <= MAX_SLUG_CHARS:
        return slug
    digest = hashlib.sha1(slug.encode()).hexdigest()[:10]
    return f"{slug[: MAX_SLUG_CHARS - 11].rstrip('-')}-{digest}"


def slugify(value: str) -> str:
    """Lower-case ASCII letters, digits and hyphens, at most `MAX_SLUG_CHARS`; ids and URLs are made from this."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return _bounded(slug) or "x"
