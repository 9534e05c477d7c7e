"""A file cache of extraction results, so unchanged articles are not parsed again.

The key is the hash of the article text (with its body and furniture spans), the
tag of every extractor (`name@version`) and the configuration that changes
output (the reference date). Entries are JSON: nothing is unpickled. An entry is
trusted only after checking it: every record must have the shape of a mention of
this source, and its text must be the source's text at its offsets; anything
else is a miss, extracted again. A cache that cannot be written is a warning
(once), never a failed build: the cache is only there to save time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from generator import furniture
from generator.furniture import PageFurniture
from generator.model import (
    ClaimFrame,
    Count,
    Day,
    Measure,
    Mention,
    Participant,
    Place,
    Quantity,
    Role,
    Source,
    Span,
    When,
)

log = logging.getLogger("parallax")

CACHE_FORMAT = 3  # 2: an entry names its key and a checksum of its mentions; 3: lemmas of ’ contractions


def cache_key(text: str, spans: tuple, extractor_tags: tuple[str, ...], config: dict) -> str:
    material = json.dumps(
        {
            "format": CACHE_FORMAT,
            "text": hashlib.sha256(text.encode()).hexdigest(),
            "spans": spans,
            "extractors": extractor_tags,
            "config": config,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(material.encode()).hexdigest()


class MentionCache:
    """Mentions by key under a folder; a missing, unreadable or implausible entry is just a miss."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self.hits = 0
        self.misses = 0
        self.rejected = 0  # entries that were there but failed the checks
        self._writable = True

    def path(self, key: str) -> Path | None:
        """Where the entry of a key lives (None: no cache)."""
        return self.folder / key[:2] / f"{key}.json" if self.folder is not None else None

    def get(self, key: str, source: Source | None = None) -> list[Mention] | None:
        """The cached mentions of `source`, if the entry holds mentions of exactly its text."""
        if self.folder is None:
            return None
        path = self.folder / key[:2] / f"{key}.json"
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            self.misses += 1
            return None
        mentions = _valid_mentions(entry["mentions"], source) if _entry_of(entry, key) else None
        if mentions is None:
            self.misses += 1
            self.rejected += 1
            where = source.path if source else key
            log.warning("%s: cached extraction %s does not match the article; extracted again", where, path.name)
            return None
        self.hits += 1
        return mentions

    def put(self, key: str, mentions: list[Mention]) -> None:
        if self.folder is None or not self._writable:
            return
        path = self.folder / key[:2] / f"{key}.json"
        try:
            write_text_atomically(path, _entry_text(key, mentions))
        except OSError as exc:
            self._writable = False
            reason = " ".join(str(exc).split())
            log.warning("%s: extraction cache cannot be written (%s); building without it", self.folder, reason)


def _check(key: str, rows: list) -> str:
    """A checksum of an entry: an entry edited by hand, truncated or copied over another no longer matches."""
    return hashlib.sha256(json.dumps([key, rows], ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _entry_text(key: str, mentions: Sequence[Mention]) -> str:
    """The entry `json.dumps` writes for `{"key", "mentions": json_ready rows, "check"}`, sorted keys, made faster.

    The rows are most of an entry's bytes and of the time a build spends caching: the C encoder
    serialises them once, straight from the mentions (`_encodable` hands it each dataclass, decimal
    and date as `json_ready` would), and the checksum and the entry are assembled around that text.
    """
    key_text = json.dumps(key, ensure_ascii=False)
    rows_text = json.dumps(list(mentions), ensure_ascii=False, sort_keys=True, default=_encodable)
    check = hashlib.sha256(f"[{key_text}, {rows_text}]".encode()).hexdigest()
    return f'{{"check": "{check}", "key": {key_text}, "mentions": {rows_text}}}'


def _encodable(value):
    """One level of `json_ready`, for what the JSON encoder cannot write itself."""
    names = _field_names(type(value))
    if names is not None:
        return {name: getattr(value, name) for name in names}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _entry_of(entry: object, key: str) -> bool:
    return (
        isinstance(entry, dict)
        and set(entry) == {"key", "mentions", "check"}
        and entry["key"] == key
        and entry["check"] == _check(key, entry["mentions"])
    )


def _valid_mentions(rows: object, source: Source | None) -> list[Mention] | None:
    """Mentions from a cache entry, or None when any record is not a well-formed mention of `source`."""
    if not isinstance(rows, list):
        return None
    mentions = []
    for row in rows:
        if not isinstance(row, dict):
            return None
        try:
            m = mention_from_json(row)
        except (ValueError, KeyError, TypeError, ArithmeticError):
            return None
        if mention_to_json(m) != row or not _well_typed(m) or (source is not None and not _belongs(m, source)):
            return None
        mentions.append(m)
    return mentions


def _well_typed(m: Mention) -> bool:
    ints = (m.start, m.end, m.sentence.start, m.sentence.end)
    texts = (m.value, m.speaker, m.attributed_to)
    return (
        all(type(i) is int for i in ints)
        and all(isinstance(t, str) for t in (m.kind, m.source, m.text, m.key, m.extractor))
        and all(t is None or isinstance(t, str) for t in texts)
        and all(isinstance(w, str) for w in (*m.words, *m.entities))
        and (m.quantity is None or isinstance(m.quantity, Quantity))
        and (m.when is None or isinstance(m.when, When))
        and (m.frame is None or isinstance(m.frame, ClaimFrame))
    )


def _belongs(m: Mention, source: Source) -> bool:
    """The mention is this source's, and its text is the source's text at its offsets."""
    n = len(source.text)
    return (
        m.source == source.id
        and 0 <= m.start < m.end <= n
        and 0 <= m.sentence.start <= m.sentence.end <= n
        and source.text[m.start : m.end] == m.text
    )


def json_ready(value):
    """A JSON-ready copy: dataclasses as dicts of their fields, tuples as lists, decimals and dates tagged.

    Walks the value once (`dataclasses.asdict` deep-copies first, which cost most of writing a cache entry)."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    names = _field_names(type(value))
    if names is not None:
        return {name: json_ready(getattr(value, name)) for name in names}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    return value


def _typed(value):
    if isinstance(value, dict):
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


_TUPLE_FIELDS = tuple(f.name for f in fields(Mention) if str(f.type).startswith("tuple"))
_MENTION_FIELDS = frozenset(f.name for f in fields(Mention))


def mention_to_json(m: Mention) -> dict:
    return json_ready(m)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names in order; None for any other type."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None


def typed_object(obj: dict) -> object:
    """A `json.loads` object hook reading back what `json_ready` wrote, in the C decoder's one pass (no second walk)."""
    if "$decimal" in obj:
        return Decimal(obj["$decimal"])
    if "$date" in obj:
        return date.fromisoformat(obj["$date"])
    return obj


def mention_from_json(row: dict) -> Mention:
    return mention_from_typed(_typed(row))


def mention_from_typed(row: dict) -> Mention:
    """A mention from a row whose decimals and dates are already typed (`typed_object`); the row is not changed."""
    row = dict(row)
    row["sentence"] = Span(**row["sentence"])
    if row.get("quantity"):
        row["quantity"] = Quantity(**row["quantity"])
    if row.get("when"):
        row["when"] = When(**row["when"])
    if row.get("frame"):
        row["frame"] = _claim_frame(row["frame"])
    for name in _TUPLE_FIELDS:  # JSON has lists; the model's sequences are tuples, so cached equals fresh
        row[name] = tuple(row.get(name) or ())
    return Mention(**{k: v for k, v in row.items() if k in _MENTION_FIELDS})


def _claim_frame(row: dict) -> ClaimFrame:
    return ClaimFrame(
        roles=tuple(Role(r["slot"], Participant(**r["who"]), r["predicate"]) for r in row["roles"]),
        heads=tuple(row["heads"]),
        counts=tuple(Count(**c) for c in row["counts"]),
        measures=tuple(Measure(**x) for x in row["measures"]),
        places=tuple(Place(p["slot"], p["kind"], tuple(p["names"]), p["words"]) for p in row.get("places", ())),
        colours=tuple(row["colours"]),
        modal=row["modal"],
        days=tuple(Day(**d) for d in row["days"]),
    )


FURNITURE_FORMAT = 2


class FurnitureCache:
    """Each article's page furniture and stamp day by its text, so a warm build runs neither the tagger on its
    captions nor dateparser on its time stamps.

    The key covers the text, the body span and the source of the detector and the
    code it calls; an entry that is not in-range spans and a day (or none) is a miss.
    """

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) / "furniture" if folder else None
        self.used: set[Path] = set()  # the entries this build read or wrote (the rest are pruned after it)

    def read_all(
        self,
        pages: Sequence[tuple[str, Span]],
        compute: Callable[[Sequence[tuple[str, Span]]], list[PageFurniture]] = furniture.read_all,
    ) -> list[PageFurniture]:
        """Each article's furniture (text and body span each): from the cache, the rest by `compute` at once."""
        found: list[PageFurniture | None] = [self._get(text, body) for text, body in pages]
        missing = [i for i, f in enumerate(found) if f is None]
        for i, fresh in zip(missing, compute([pages[i] for i in missing]), strict=True):
            found[i] = fresh
            self._put(*pages[i], fresh)
        return found

    def _get(self, text: str, body: Span) -> PageFurniture | None:
        if self.folder is None:
            return None
        path = self._path(text, body)
        self.used.add(path)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            spans = tuple(Span(int(a), int(b)) for a, b in entry["spans"])
            stamped = date.fromisoformat(entry["stamped"]) if entry["stamped"] is not None else None
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return PageFurniture(spans, stamped) if all(0 <= s.start <= s.end <= len(text) for s in spans) else None

    def _put(self, text: str, body: Span, found: PageFurniture) -> None:
        if self.folder is None:
            return
        stamped = found.stamped.isoformat() if found.stamped else None
        entry = {"spans": [[s.start, s.end] for s in found.spans], "stamped": stamped}
        write_json_or_skip(self._path(text, body), entry)

    def _path(self, text: str, body: Span) -> Path:
        material = json.dumps(
            [FURNITURE_FORMAT, _furniture_code(), hashlib.sha256(text.encode()).hexdigest(), body.start, body.end]
        )
        key = hashlib.sha256(material.encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.json"


@functools.cache  # once per process: the code that finds furniture is the code imported
def _furniture_code() -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("furniture.py", "nlp.py", "model.py", "extract/dates.py"):
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def write_json_atomically(path: Path, payload: object, sort_keys: bool = True) -> None:
    """Write a cache entry whole or not at all; OSError if it cannot. Dataclasses, decimals and dates in
    `payload` are written as `json_ready` writes them, by the C encoder in one pass (`dumps`, not `dump`:
    only `dumps` uses it)."""
    write_text_atomically(path, json.dumps(payload, ensure_ascii=False, sort_keys=sort_keys, default=_encodable))


def write_text_atomically(path: Path, text: str) -> None:
    """A temporary file beside `path`, renamed into place: readers see the whole entry or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_or_skip(path: Path, payload: object, sort_keys: bool = True) -> None:
    """Write a cache entry atomically; a cache that cannot be written costs speed, never the build."""
    try:
        write_json_atomically(path, payload, sort_keys)
    except OSError as exc:
        log.debug("%s: cache entry not written (%s)", path, exc)


MODEL_CACHE_FOLDERS = ("", "furniture", "stories", "outlines")  # extraction, furniture, alignment, ids: the model
CACHE_FOLDERS = (*MODEL_CACHE_FOLDERS, "pages", "themed")  # each holds entries in folders named by 2 hex digits
ENTRY_SUFFIXES = (".json", ".html")  # a themed page's search entries end in .search.json


def prune(root: Path, used: Iterable[Path], folders: Sequence[str] = CACHE_FOLDERS) -> int:
    """Delete every cache entry under `root` that the build just finished did not use; how many went.

    Run after a successful build only: what it used is then all a build of the same
    articles and code needs, so a removed story, an edited article or an old key
    leaves nothing behind and the cache does not grow forever. Only entries in the
    caches' own folders are touched (two hex digits under each cache's folder);
    temporary files being written and anything else found there are left alone. `folders` are the caches
    the build used (an export renders no themed pages, so it keeps theirs).
    """
    keep = {Path(p) for p in used}
    removed = 0
    for name in folders:
        folder = Path(root) / name
        try:
            shards = sorted(d for d in folder.iterdir() if d.is_dir() and _shard(d.name))
        except OSError:
            continue
        for shard in shards:
            try:
                entries = sorted(shard.iterdir())
            except OSError:
                continue
            for entry in entries:
                if entry.suffix not in ENTRY_SUFFIXES or entry in keep or not entry.is_file():
                    continue
                try:
                    entry.unlink()
                    removed += 1
                except OSError as exc:
                    log.debug("%s: stale cache entry not removed (%s)", entry, exc)
            with contextlib.suppress(OSError):
                shard.rmdir()  # only when empty
    return removed


def _shard(name: str) -> bool:
    return len(name) == 2 and all(c in "0123456789abcdef" for c in name)
