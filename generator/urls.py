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
    rel = _relpath(path, from_url)
    rel = "" if rel == "." else rel
    if (path.endswith("/") or not path) and rel and not rel.endswith("/"):  # a folder's page, the home page too
        rel += "/"
    if not rel and not anchor:
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)` for two site-relative paths, without its trip through the working
    directory (a story page holds tens of thousands of links)."""
    to, origin = posixpath.normpath(path or ".").split("/"), posixpath.normpath(start or ".").split("/")
    if ".." in to or ".." in origin:
        return posixpath.relpath(path or ".", start or ".")
    to, origin = [p for p in to if p != "."], [p for p in origin if p != "."]
    common = 0
    while common < min(len(to), len(origin)) and to[common] == origin[common]:
        common += 1
    return "/".join([".."] * (len(origin) - common) + to[common:]) or "."
