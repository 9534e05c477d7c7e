"""A file cache of extraction results, so unchanged articles are not parsed again.

The key is the hash of the article text (with its body and furniture spans), the
tag of every extractor (`name@version`) and the configuration that changes
output (the reference date). Entries are JSON: nothing is unpickled.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, fields
from datetime import date
from decimal import Decimal
from pathlib import Path

from generator.model import Mention, Quantity, Span, When

CACHE_FORMAT = 1


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
    """Mentions by key under a folder; a missing or unreadable entry is just a miss."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> list[Mention] | None:
        if self.folder is None:
            return None
        path = self.folder / key[:2] / f"{key}.json"
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
            mentions = [mention_from_json(r) for r in rows]
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return mentions

    def put(self, key: str, mentions: list[Mention]) -> None:
        if self.folder is None:
            return
        path = self.folder / key[:2] / f"{key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps([mention_to_json(m) for m in mentions], ensure_ascii=False, sort_keys=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)


def _plain(value):
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
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


def mention_to_json(m: Mention) -> dict:
    return _plain(asdict(m))


def mention_from_json(row: dict) -> Mention:
    row = _typed(row)
    row["sentence"] = Span(**row["sentence"])
    if row.get("quantity"):
        row["quantity"] = Quantity(**row["quantity"])
    if row.get("when"):
        row["when"] = When(**row["when"])
    for name in ("words", "entities", "predicates"):
        row[name] = tuple(row.get(name) or ())
    known = {f.name for f in fields(Mention)}
    return Mention(**{k: v for k, v in row.items() if k in known})
