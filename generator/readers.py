"""Input formats, as a table of readers (as in Pelican): one registered function per format.

A reader gets the decoded text of a file and returns the text that offsets will
refer to, where the article body lies, the headline and the metadata the file
itself carries. Adding a format is one function decorated with `@reader(".ext")`.
YAML anywhere in the input is read with `load_yaml`, which refuses aliases,
bounds nesting and keeps dates as text, so a hostile file can only be ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml
from rapidfuzz import fuzz
from yaml.composer import ComposerError

from generator.model import Span

MAX_YAML_CHARS = 1_000_000
MAX_YAML_DEPTH = 20


class InputError(Exception):
    """A file that cannot be read as an article; the message says why in one line."""


@dataclass(frozen=True)
class Parsed:
    """What a reader makes of one file's text."""

    text: str  # what offsets refer to, published on the article's page
    body: Span  # the article proper, where facts are looked for
    headline: str | None
    meta: dict = field(default_factory=dict)  # metadata fields found in the file itself
    notes: tuple[str, ...] = ()  # caveats worth a warning


Reader = Callable[[str], Parsed]
_READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file names ending in any of `suffixes` (lower case, with the dot)."""

    def wrap(fn: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = fn
        return fn

    return wrap


def reader_for(suffix: str) -> Reader | None:
    return _READERS.get(suffix.lower())


class _BoundedLoader(yaml.SafeLoader):
    """Safe YAML without aliases (no "billion laughs"), with bounded nesting; timestamps stay text."""

    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise ComposerError(None, None, "aliases (*name) are not accepted", self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise ComposerError(
                    None, None, f"nested deeper than {MAX_YAML_DEPTH} levels", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


class YamlError(Exception):
    """YAML that was refused; the message says why in one line."""


def load_yaml(text: str) -> object:
    """Parse untrusted YAML, or raise YamlError: malformed, too large, too deep or using aliases."""
    if len(text) > MAX_YAML_CHARS:
        raise YamlError(f"{len(text):,} characters, over the {MAX_YAML_CHARS:,}-character limit")
    try:
        return yaml.load(text, Loader=_BoundedLoader)  # noqa: S506 - a SafeLoader subclass
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise YamlError(one_line(exc)) from exc


def one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120]


_FIRST_LINE = re.compile(r"[^\S\n]*(\S[^\n]*)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def _headline_and_body(text: str, start: int) -> tuple[str | None, Span]:
    match = _FIRST_LINE.search(text, start)
    if not match:
        return None, Span(start, len(text))
    return match.group(1).lstrip("# ").strip(), Span(match.end(1), len(text))


@reader(".txt")
def read_text(text: str) -> Parsed:
    """Plain text: the first non-empty line is the headline."""
    headline, body = _headline_and_body(text, 0)
    return Parsed(text, body, headline)


@reader(".md", ".markdown")
def read_markdown(text: str) -> Parsed:
    """Markdown with optional YAML front matter, then a headline line (`# ` optional)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return read_text(text)
    notes: list[str] = []
    try:
        loaded = load_yaml(match.group(1))
    except YamlError as exc:
        notes.append(f"malformed front matter ignored ({exc})")
        loaded = None
    if loaded is not None and not isinstance(loaded, dict):
        notes.append("front matter ignored: not a mapping of fields")
        loaded = None
    headline, body = _headline_and_body(text, match.end())
    title = loaded.get("title") if loaded else None
    if isinstance(title, str) and headline is not None and not _is_heading(text, body.start, headline, title):
        headline, body = None, Span(match.end(), len(text))  # the title is in the front matter; the text is all body
    return Parsed(text, body, headline, loaded or {}, tuple(notes))


def _is_heading(text: str, line_end: int, line: str, title: str) -> bool:
    """Whether the first line after front matter that names a title is a heading: marked with `#`, or the title
    repeated (punctuation and case aside). Otherwise it is the article's first paragraph."""
    marked = text[text.rfind("\n", 0, line_end) + 1 : line_end].lstrip().startswith("#")
    return marked or fuzz.ratio(" ".join(line.casefold().split()), " ".join(title.casefold().split())) >= 90


@reader(".html", ".htm")
def read_html(html: str) -> Parsed:
    """A saved web page: main text and metadata by trafilatura; scripts, menus and boilerplate dropped."""
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
    text += "\n"
    return Parsed(text, Span(0, len(text)), meta.get("title"), {k: v for k, v in meta.items() if v})
