"""Site-relative URLs of generated pages: one scheme, used by the data files and the pages."""

from __future__ import annotations

import posixpath


def story_page(story_id: str) -> str:
    return f"stories/{story_id}/"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}/"


def fact(story_id: str, fact_id: str) -> str:
    return f"{story_page(story_id)}#{fact_id}"


def page_file(url: str) -> str:
    """The Markdown file MkDocs turns into the page at `url` (with directory URLs)."""
    return url.rstrip("/") + ".md" if url else "index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page to another that works from any host path and from the file system."""
    path, _, anchor = to_url.partition("#")
    rel = posixpath.relpath(path or ".", from_url.rstrip("/") or ".")
    rel = "" if rel == "." else rel
    if path.endswith("/") and rel and not rel.endswith("/"):
        rel += "/"
    if not rel and not anchor:
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")
