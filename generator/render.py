"""The only place that knows Jinja2: turns the site model into generated pages and data files.

Every page is rendered from `generator/templates/` with autoescaping on, so article text
(untrusted) is escaped wherever it reaches HTML. `render_parts` gives each page as front
matter plus its HTML (the MkDocs plugin hands MkDocs a placeholder and inserts the HTML
after Markdown, so nothing parses megabytes of HTML as Markdown); `render_site` joins them
into Markdown files for the `export` command.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator import __version__, anchors, data, urls
from generator.align.quotes import word_diff
from generator.dating import comparison_date
from generator.executor import Executor, run_weighted
from generator.kinds import FactKind, fact_kind
from generator.model import Fact, Mention, Source, Span, Story
from generator.pipeline import SiteModel
from generator.storycache import StoryPages

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_ORDER = {"differ": 0, "agree": 1, "single": 2}
STATUS_WORDS = {"differ": "Outlets differ", "agree": "Outlets agree", "single": "One outlet only"}
SITE_NAME = "Parallax"
RENDER_DISCOUNT = 10  # rendering a word costs about a tenth of parsing it (weighs starting workers to render)
MAX_LISTED_OUTLETS = 12  # above this, per-outlet columns and lists would grow with facts x outlets


@dataclass(frozen=True)
class OutletCount:
    """Stands for a list of outlets too long to print ("1,990 of the 2,000 outlets")."""

    outlet: str


# The theme hides these on generated pages: the comparison has its own contents sidebar.
HIDE = {"story.html.j2": ("navigation", "toc")}


@dataclass(frozen=True)
class Version:
    """One outlet's version of a fact, ready for a template."""

    source: Source
    mention: Mention
    sentence: Markup  # the sentence with the mention marked
    anchor: str  # id of this outlet's version on the story page
    source_link: str  # link to the mention on the outlet's page in this site
    original_link: str | None  # the original article, opened at the sentence (text fragment)


@dataclass(frozen=True)
class PageParts:
    """A generated page: what MkDocs needs in front matter, the page's HTML, and what search may index."""

    title: str
    html: str  # empty when `stored` holds it
    search_html: str | None  # None: the page stays out of the search index
    hide: tuple[str, ...] = ("toc",)
    # A page from the cache keeps its HTML there, read back only if needed: memory stays with one story.
    stored: Callable[[], str] | None = field(default=None, compare=False, repr=False)
    stored_digest: str = field(default="", compare=False, repr=False)

    @property
    def digest(self) -> str:
        """A digest of the page's HTML (what the themed page is keyed on)."""
        return self.stored_digest or hashlib.sha256(self.html.encode("utf-8", "surrogatepass")).hexdigest()

    def full_html(self) -> str:
        return self.stored() if self.stored is not None else self.html

    def front_matter(self) -> str:
        hide = "".join(f"  - {h}\n" for h in self.hide)
        search = "" if self.search_html is not None else "search:\n  exclude: true\n"
        return f"---\ntitle: {json.dumps(_theme_title(self.title), ensure_ascii=False)}\nhide:\n{hide}{search}---\n\n"

    def block(self) -> str:
        return f'<div class="px-page">\n{self.full_html().strip()}\n</div>\n'

    def markdown(self) -> str:
        """The page as one Markdown file holding one raw HTML block (for `export`)."""
        return self.front_matter() + self.block()


def environment(templates: Path = TEMPLATES) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["jsonld"] = _jsonld
    return env


def render_site(model: SiteModel, site_url: str | None = None, templates: Path = TEMPLATES) -> dict[str, str]:
    """Every generated file of the site: path relative to the site root -> text."""
    pages, files = render_parts(model, site_url, templates)
    return {**{path: page.markdown() for path, page in pages.items()}, **files}


@dataclass(frozen=True)
class StoryRender:
    """One story to render: a task that may run in a worker process (the result is the same anywhere)."""

    story: Story
    site_url: str | None
    old_labels: dict[str, str]
    templates: Path
    # The date the comparison stands for, fixed where the build runs: a worker started before the build pinned
    # its date (SOURCE_DATE_EPOCH) would otherwise date an undated story by its own clock.
    compared: date


def render_story(job: StoryRender) -> tuple[dict[str, PageParts], dict[str, str], str, str]:
    """A story's pages, pictures, part of comparison.json and rows of facts.csv."""
    story = replace(job.story, facts=tuple(job.story.facts))  # read from the cache once, for this story only
    env = _environment(job.templates)
    story_pages, story_files = _story_outputs(env, story, job.site_url, job.old_labels, job.compared)
    fragment = data.story_fragment(story) if story.sources else ""
    return story_pages, story_files, fragment, data.story_rows(story)


@functools.cache
def _environment(templates: Path) -> Environment:
    return environment(templates)


def render_parts(
    model: SiteModel,
    site_url: str | None = None,
    templates: Path = TEMPLATES,
    cache: StoryPages | None = None,
    executor: Executor | None = None,
    staging: Path | None = None,
) -> tuple[dict[str, PageParts], dict[str, str | Path]]:
    """Pages (Markdown path -> parts) and every other generated file (path -> text, or the file holding it).

    With a `cache`, a story whose model is unchanged gets its pages from there instead of the templates;
    with an `executor`, the others are rendered on its workers when there are enough of them; with a `staging`
    folder, the other files are written there as they are made and given as paths, so the data files (tens of
    megabytes for a large site) are never held whole in memory.
    """
    env = _environment(templates)
    pages: dict[str, PageParts] = {}
    files: dict[str, str | Path] = {}
    stories = sorted(model.stories, key=lambda s: s.id)
    live = [s for s in stories if s.sources]
    old_labels = {r.id: r.label for r in model.anchors if r.status == "alias"}
    pages["index.md"] = _page(
        env, "home.html.j2", "", "Home", stories=live, counts={s.id: _counts(s) for s in live}, problems=model.problems
    )
    ready: dict[str, StoryOutput] = {}  # stories rendered (or found in the cache) ahead of their turn
    jobs: dict[str, StoryRender] = {}
    todo: list[StoryRender] = []
    for story in stories:
        aliases = {a: old_labels[a] for f in story.outline for a in f.aliases if a in old_labels}
        jobs[story.id] = StoryRender(story, site_url, aliases, templates, comparison_date(story))
        rows = cache.get(story, site_url, aliases, model.story_keys.get(story.id)) if cache is not None else None
        if rows is None:
            todo.append(jobs[story.id])
            continue
        story_pages = {path: _stored_page(cache, story.id, path, row) for path, row in rows.items()}
        ready[story.id] = story_pages, None, None, None  # the rest is read from the cache at the story's turn
    words = sum(len(s.text.split()) for job in todo for s in job.story.sources) // RENDER_DISCOUNT
    done = run_weighted(executor, render_story, todo, words) if executor else enumerate(map(render_story, todo))
    pieces = data.ComparisonPieces(model)
    with _Sink(staging, "data/comparison.json") as comparison, _Sink(staging, "data/facts.csv") as facts:
        comparison.write(pieces.head)
        facts.write(data.FACTS_CSV_HEADER)
        rendered = ((todo[i].story.id, _kept(cache, model, todo[i], output)) for i, output in done)
        for story, (story_pages, story_files, fragment, story_rows) in _in_story_order(stories, ready, rendered):
            if story_files is None:  # found in the cache: the rest of it is read now
                story_pages, story_files, fragment, story_rows = _rest_from(cache, model, jobs[story.id], story_pages)
            pages.update(story_pages)
            files.update(_staged(staging, path, [text]) for path, text in story_files.items())
            if story.sources:
                comparison.write(pieces.story(fragment or data.story_fragment(story)))
            facts.write(story_rows)
        comparison.write(pieces.end())
    pages["names.md"] = _page(env, "names.html.j2", "names/", "Names and spellings", stories=_names(live, "names/"))
    files.update([comparison.made(), _staged(staging, "data/anchors.json", data.anchors_json(model)), facts.made()])
    for asset in sorted((templates / "assets").glob("*")):
        files[f"assets/{asset.name}"] = asset.read_text(encoding="utf-8")
    return pages, files


# What `render_story` gives: pages, pictures, part of comparison.json, rows of facts.csv; for a story found in
# the cache, the last three are None until its turn.
StoryOutput = tuple[dict[str, PageParts], dict[str, str] | None, str | None, str | None]


def _in_story_order(
    stories: Sequence[Story], ready: dict[str, StoryOutput], rendered: Iterator[tuple[str, StoryOutput]]
) -> Iterator[tuple[Story, StoryOutput]]:
    """Each story with its output, in the stories' order, as soon as it and those before it are there: what a
    story brings is written and let go at its turn, so memory holds the stories rendered ahead of it, not all."""
    for story in stories:
        while story.id not in ready:
            story_id, output = next(rendered)
            ready[story_id] = output
        yield story, ready.pop(story.id)


def _rest_from(cache: StoryPages, model: SiteModel, job: StoryRender, story_pages: dict[str, PageParts]) -> StoryOutput:
    """A story found in the cache with its pictures and data-file parts, read at its turn; rendered again if
    they can no longer be read."""
    rest = cache.data(job.story.id)
    if rest is None:
        return _kept(cache, model, job, render_story(job))
    return (story_pages, *rest)


def _kept(cache: StoryPages | None, model: SiteModel, job: StoryRender, output: StoryOutput) -> StoryOutput:
    """A story just rendered, put in the cache; its pages' HTML is then read back from there when drawn, so
    memory holds one story's HTML, not the site's."""
    story_pages, story_files, fragment, story_rows = output
    if cache is None:
        return output
    made = {path: [p.title, p.digest, p.search_html, list(p.hide)] for path, p in story_pages.items()}
    part = {"files": story_files, "comparison": fragment, "csv": story_rows}
    html = {path: p.html for path, p in story_pages.items()}
    cache.put(job.story, job.site_url, job.old_labels, model.story_keys.get(job.story.id), made, part, html)
    if not cache.holds(job.story.id):
        return output
    stored = {path: _stored_page(cache, job.story.id, path, row) for path, row in made.items()}
    return stored, story_files, fragment, story_rows


def _staged(staging: Path | None, path: str, pieces: Iterable[str]) -> tuple[str, str | Path]:
    """A generated file as text, or written piece by piece into the staging folder and given as its path."""
    with _Sink(staging, path) as sink:
        for piece in pieces:
            sink.write(piece)
    return sink.made()


class _Sink:
    """A generated file written piece by piece (in a `with` block): into the staging folder, or, with no
    staging folder, joined into text."""

    def __init__(self, staging: Path | None, path: str):
        self.path = path
        self._parts: list[str] = []
        self._target = staging / path if staging is not None else None
        self._out = None

    def __enter__(self) -> _Sink:
        if self._target is not None:
            self._target.parent.mkdir(parents=True, exist_ok=True)
            self._out = self._target.open("w", encoding="utf-8", newline="")
        return self

    def __exit__(self, *exc) -> None:
        if self._out is not None:
            self._out.close()

    def write(self, piece: str) -> None:
        if self._out is not None:
            self._out.write(piece)
        else:
            self._parts.append(piece)

    def made(self) -> tuple[str, str | Path]:
        """The file once written: its path in the staging folder, or its text."""
        return (self.path, self._target) if self._target is not None else (self.path, "".join(self._parts))


def _stored_page(cache: StoryPages, story_id: str, path: str, row: list) -> PageParts:
    """A page from the story cache, its HTML left there (read again only if the theme must draw the page)."""
    title, digest, search_html, hide = row
    return PageParts(title, "", search_html, tuple(hide), functools.partial(cache.page_html, story_id, path), digest)


def _story_outputs(
    env: Environment, story: Story, site_url: str | None, old_labels: dict[str, str], compared: date
) -> tuple[dict[str, PageParts], dict[str, str]]:
    """One story's pages (its comparison, citations and articles) and pictures: a function of the story alone."""
    pages: dict[str, PageParts] = {}
    files: dict[str, str] = {}
    url = urls.story_page(story.id)
    context = _story_context(story, url, site_url, old_labels, compared)
    pages[urls.page_file(url)] = _page(env, "story.html.j2", url, story.title, **context)
    pages[urls.page_file(_cite_page(story.id))] = _page(
        env, "cite.html.j2", _cite_page(story.id), f"Citations: {story.title}", searchable=False, **context
    )
    if context["coverage"]["rows"]:
        files[f"{url}coverage.svg"] = env.get_template("coverage.svg.j2").render(**context["coverage"])
        if context["figures"]["rows"]:
            files[f"{url}figures.svg"] = env.get_template("figures.svg.j2").render(**context["figures"])
    for source in story.sources:
        surl = urls.source_page(source.id)
        pages[urls.page_file(surl)] = _page(
            env,
            "source.html.j2",
            surl,
            f"{source.outlet}: {source.title}",
            searchable=False,
            **_source_context(story, source, surl),
        )
    return pages, files


def _cite_page(story_id: str) -> str:
    return f"{urls.story_page(story_id)}cite/"


def link(from_url: str, to_url: str) -> str:
    """A relative link that also works opened from disk: a folder's page is named `index.html`."""
    rel = urls.relative(from_url, to_url)
    path, sep, anchor = rel.partition("#")
    if path.endswith("/") or (not path and to_url.split("#")[0] != from_url):
        path += "index.html"
    return path + sep + anchor


def _page(env: Environment, template: str, url: str, title: str, searchable: bool = True, **context) -> PageParts:
    """Render one page; a story page also gets a small HTML for search: its facts' labels and verdicts.

    The table of contents is hidden: MkDocs finds no headings inside raw HTML, and the
    comparison needs the width. Article and citation pages stay out of the search index, and a
    story page's index entry holds headings and verdicts, not the articles' text.
    """
    html = env.get_template(template).render(page_url=url, rel=lambda to: link(url, to), title=title, **context)
    search_html = html if searchable else None
    if searchable and template == "story.html.j2":
        search_html = env.get_template("story_search.html.j2").render(title=title, **context)
    return PageParts(title, html, search_html, HIDE.get(template, ("toc",)))


def _theme_title(title: str) -> str:
    """The theme puts page titles into the header and nav unescaped: keep article text from forming tags there."""
    return title.replace("<", "\u2039").replace(">", "\u203a")


def _counts(story: Story) -> Counter:
    return Counter(f.status for f in story.outline)


def discrepancy_rank(fact: Fact) -> tuple:
    """Sort key: kinds by weight, counts of people and things before measures, wider disagreements first."""
    measured = any(m.quantity is not None and m.quantity.unit for m in fact.mentions)
    return (fact_kind(fact.kind).weight, measured, -len(fact.sources), fact.label.lower(), fact.id)


def _story_context(story: Story, url: str, site_url: str | None, old_labels: dict[str, str], compared: date) -> dict:
    ranked = sorted((f for f in story.facts if f.status == "differ"), key=discrepancy_rank)
    agree = sorted((f for f in story.facts if f.status == "agree"), key=discrepancy_rank)
    single = sorted((f for f in story.facts if f.status == "single"), key=lambda f: (f.kind, f.label.lower(), f.id))
    kinds = sorted({fact_kind(f.kind) for f in story.facts}, key=lambda k: (k.weight, k.name))
    facts = [*ranked, *agree, *single]
    versions = {f.id: _versions(story, f, url) for f in facts}
    outlets = {s.id: s.outlet for s in story.sources}
    cite = _Citer(story, site_url, compared)
    context = {
        "story": story,
        "sources": story.sources,
        "counts": _counts(story),
        "differ": ranked,
        "agree": agree,
        "single": single,
        "kinds_present": [k.name for k in kinds],
        "brief": {f.id: _values_side_by_side(f, outlets) for f in ranked},
        "versions": versions,
        "diffs": {f.id: _quote_diffs(f) for f in facts if f.kind == "quote" and f.status != "single"},
        "missing": {f.id: _missing(story, f) for f in facts},
        "kind_words": {k.name: k.word for k in kinds},
        "kind_plurals": {k.name: k.plural for k in kinds},
        "status_words": STATUS_WORDS,
        "fact_citations": {f.id: cite.fact(f) for f in facts},
        "version_citations": {f.id: {v.anchor: cite.version(f, v) for v in versions[f.id]} for f in facts},
        "cite_data": cite.page_data(),
        "cite_page": link(url, _cite_page(story.id)),
        "story_link": link(_cite_page(story.id), url),
        "jsonld": _claims_jsonld(story, [*ranked, *agree], site_url),
        "retired": story.retired,
        "old_labels": old_labels,
        "outlet_of": lambda source_id: outlets.get(source_id, source_id),
        "outlet_index": {s.id: i for i, s in enumerate(story.sources)},
        "coverage": _coverage(story, [*ranked, *agree]),
        "figures": _figures(ranked, outlets),
        "compared": compared,
        "version": __version__,
        "filter_css": _filter_css(story, kinds),
    }
    context["ctx"] = dict(context)
    return context


def _missing(story: Story, fact: Fact) -> list[Source | OutletCount]:
    """The outlets that do not report a fact; past `MAX_LISTED_OUTLETS`, only how many, so pages stay linear."""
    stating = set(fact.sources)
    missing = [s for s in story.sources if s.id not in stating]
    if len(missing) <= MAX_LISTED_OUTLETS:
        return missing
    return [OutletCount(f"{len(missing):,} of the {len(story.sources):,} outlets")]


def _values_side_by_side(fact: Fact, outlets: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Each distinct value the outlets give, with the outlets that give it, most outlets first."""
    by_value: dict[str, list[str]] = {}
    seen: set[str] = set()
    for m in fact.mentions:
        if m.source in seen:
            continue
        seen.add(m.source)
        value = " ".join((m.value or m.text).split())
        by_value.setdefault(value, []).append(outlets.get(m.source, m.source))
    return sorted(((v, sorted(o)) for v, o in by_value.items()), key=lambda p: (-len(p[1]), p[0]))


def _versions(story: Story, fact: Fact, page_url: str) -> list[Version]:
    by_id = {s.id: s for s in story.sources}
    out = []
    shown: dict[str, set[str]] = {}
    for m in fact.mentions:
        values = shown.setdefault(m.source, set())
        if (m.value or m.text) in values:  # one card per outlet and value: a repeat says nothing new
            continue
        values.add(m.value or m.text)  # another value from one outlet is evidence the verdict counts: shown too
        source = by_id[m.source]
        sentence = sentence_span(source.text, m)
        out.append(
            Version(
                source=source,
                mention=m,
                sentence=_marked_sentence(source.text, m, sentence),
                anchor=anchors.version_anchor(fact.id, source.id, len(values)),
                source_link=link(page_url, urls.source_page(source.id) + "#" + anchors.mention_anchor(m)),
                original_link=text_fragment_link(source.url, source.text[sentence.start : sentence.end]),
            )
        )
    return out


def sentence_span(text: str, m: Mention) -> Span:
    """The mention's sentence, kept within the mention's line: a sentence never runs into a heading."""
    start, end = min(m.sentence.start, m.start), max(m.sentence.end, m.end)
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    start, end = max(start, line_start), min(end, line_end)
    while start < m.start and text[start].isspace():
        start += 1
    while end > m.end and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _marked_sentence(text: str, m: Mention, sentence: Span) -> Markup:
    before, inside, after = text[sentence.start : m.start], text[m.start : m.end], text[m.end : sentence.end]
    return Markup("{}<mark>{}</mark>{}").format(before, inside, after)


def fragment_text(words: list[str]) -> str:
    """Words for a text directive: percent-encoded, with `-`, `&` and `,` encoded as the spec requires."""
    return quote(" ".join(words), safe="").replace("-", "%2D")


def text_fragment_link(url: str | None, sentence: str) -> str | None:
    """A link that opens the original article scrolled to the sentence (#:~:text=start,end).

    Neither term crosses a line of the text: a sentence that spans lines (a quote across two
    lines) is linked from the first words of its first line to the last words of its last.
    """
    if not url:
        return None
    lines = [line.split() for line in sentence.splitlines() if line.strip()]
    if not lines:
        return url
    words = lines[0]
    if len(lines) == 1 and len(words) <= 6:
        fragment = fragment_text(words)
    else:
        fragment = f"{fragment_text(words[:3])},{fragment_text(lines[-1][-3:] if len(lines) > 1 else words[-3:])}"
    return f"{url.split('#', 1)[0]}#:~:text={fragment}"


def _quote_diffs(fact: Fact) -> list[tuple[Source | str, str, Markup]]:
    """Each outlet's wording against the first outlet's, word by word (<del>/<ins>)."""
    firsts: dict[str, Mention] = {}
    for m in fact.mentions:
        firsts.setdefault(m.source, m)
    ordered = [firsts[k] for k in sorted(firsts)]
    if len(ordered) < 2:
        return []
    base = ordered[0]
    rows = []
    for other in ordered[1:]:
        parts = []
        for op, words in word_diff(base.value or base.text, other.value or other.text):
            tag = {-1: "del", 1: "ins"}.get(op)
            parts.append(Markup("<{0}>{1}</{0}>").format(Markup(tag), words) if tag else escape(words))
        rows.append((base.source, other.source, Markup("").join(parts)))
    return rows


def _end_sentence(text: str) -> str:
    """Close a sentence with a full stop unless it already ends in one (also inside closing quotes)."""
    text = text.rstrip()
    return text if text.rstrip("\u201d\u2019\"')]").endswith((".", "!", "?", "\u2026")) else text + "."


class _Citer:
    """Citations for one story: every one names the comparison's date, the Parallax version and an access date.

    Links are absolute when the site's address is known; otherwise site-relative (the page's
    script turns them into the address the reader has open, and the build warns).
    """

    def __init__(self, story: Story, site_url: str | None, compared: date) -> None:
        self.story = story
        self.base = (site_url or "").rstrip("/")
        self.compared = compared.isoformat()

    def _url(self, path: str) -> str:
        return f"{self.base}/{path}" if self.base else path

    def _stamp(self) -> str:
        return f"{SITE_NAME} {__version__} comparison of {self.compared}"

    def _accessed(self) -> str:
        return self.compared

    def fact(self, fact: Fact) -> dict:
        permalink = self._url(urls.fact(self.story.id, fact.id))
        plain = (
            f"{SITE_NAME}, \u201c{fact.label}\u201d, in \u201c{self.story.title}\u201d ({self._stamp()}). "
            f"{_end_sentence(fact.verdict)} {permalink} (accessed {self._accessed()})."
        )
        fields = [
            f"url={permalink}",
            f"title={_wiki(fact.label)}",
            f"work={SITE_NAME}: {_wiki(self.story.title)}",
            f"publisher={SITE_NAME} {__version__}",
            f"date={self.compared}",
        ]
        fields += [f"quote={_wiki(fact.verdict)}", f"access-date={self._accessed()}"]
        return {"permalink": permalink, "plain": plain, "wiki": "{{cite news |" + " |".join(fields) + "}}"}

    def version(self, fact: Fact, v: Version) -> dict:
        link_to = self._url(f"{urls.story_page(self.story.id)}#{v.anchor}")
        span = sentence_span(v.source.text, v.mention)
        sentence = " ".join(v.source.text[span.start : span.end].split())
        published = v.source.published.isoformat() if v.source.published else ""
        fields = [f"title={_wiki(v.source.title)}", f"work={_wiki(v.source.outlet)}"]
        if v.source.url:
            fields.insert(0, f"url={v.source.url}")
        if published:
            fields.append(f"date={published}")
        if v.source.author:
            fields.append(f"author={_wiki(v.source.author)}")
        fields += [
            f"quote={_wiki(sentence)}",
            f"via={_wiki(self._stamp())}, {link_to}",
            f"access-date={self._accessed()}",
        ]
        head = f"{v.source.outlet}, \u201c{_end_sentence(v.source.title)[:-1]}\u201d" + (
            f", {published}" if published else ""
        )
        return {
            "permalink": link_to,
            "plain": f"{head}: \u201c{_end_sentence(sentence)}\u201d Compared in the {self._stamp()}: {link_to}"
            f" (accessed {self._accessed()}).",
            "wiki": "{{cite news |" + " |".join(fields) + "}}",
        }

    def page_data(self) -> dict:
        """What the page's script needs to make an outlet's citation on demand (the rest is in the page)."""
        return {
            "site": SITE_NAME,
            "version": __version__,
            "compared": self.compared,
            "base": self.base,
            "story": self.story.title,
            "storyUrl": urls.story_page(self.story.id),
            "order": [s.id for s in self.story.sources],
            "sources": {
                s.id: {
                    "outlet": s.outlet,
                    "title": s.title,
                    "url": s.url,
                    "published": s.published.isoformat() if s.published else None,
                    "author": s.author,
                }
                for s in self.story.sources
            },
        }


def _wiki(value: str) -> str:
    """Template parameters must not break out of {{cite news}}."""
    return value.replace("|", "{{!}}").replace("}}", "} }").replace("{{", "{ {")


def _coverage(story: Story, facts: list[Fact]) -> dict:
    """Facts x outlets for the coverage picture: each cell agrees, differs or is not mentioned.

    Past `MAX_LISTED_OUTLETS` there is no picture: it would grow with facts x outlets.
    """
    if len(story.sources) > MAX_LISTED_OUTLETS:
        return {"rows": [], "outlets": [], "alt": "", "per_outlet": [], "too_many": len(story.sources)}
    rows = []
    for fact in facts:
        state = "differs" if fact.status == "differ" else "agrees"
        cells = [state if s.id in fact.sources else "none" for s in story.sources]
        rows.append({"fact": fact, "cells": cells, "label": _short(fact.label, 40)})
    per_outlet = []
    for i, s in enumerate(story.sources):
        states = Counter(r["cells"][i] for r in rows)
        per_outlet.append((s.outlet, states["agrees"], states["differs"], states["none"]))
    alt = f"Coverage of {len(rows)} facts reported by two or more of {len(story.sources)} outlets. " + " ".join(
        f"{o}: agrees on {a}, differs on {d}, does not mention {n}." for o, a, d, n in per_outlet
    )
    return {
        "rows": rows,
        "outlets": [_short(s.outlet, 18) for s in story.sources],
        "alt": alt,
        "per_outlet": per_outlet,
        "too_many": 0,
    }


def _figures(ranked: list[Fact], outlets: dict[str, str]) -> dict:
    """Numeric discrepancies, each outlet's figure on one scale per fact (from zero, so sizes compare)."""
    rows = []
    for fact in ranked:
        if fact.kind != "number":
            continue
        points: dict[tuple[Decimal, Decimal], list[str]] = {}
        seen: set[str] = set()
        for m in fact.mentions:
            q = m.quantity
            if m.source in seen or q is None or (q.low is None and q.high is None):
                continue
            seen.add(m.source)
            low = q.low if q.low is not None else q.high
            high = q.high if q.high is not None else q.low
            points.setdefault((low, high), []).append(outlets.get(m.source, m.source))
        if len(points) < 2:
            continue
        top = max(h for _, h in points) or Decimal(1)
        marks = [
            {
                "low": float(lo / top),
                "high": float(hi / top),
                "text": _figure_text(lo, hi) + ": " + ", ".join(sorted(names)),
            }
            for (lo, hi), names in sorted(points.items())
        ]
        rows.append({"fact": fact, "label": _short(fact.label, 60), "marks": marks, "top": _figure_text(top, top)})
    alt = " ".join(f"{r['fact'].label}: " + "; ".join(m["text"] for m in r["marks"]) + "." for r in rows)
    return {"rows": rows, "alt": alt}


def _figure_text(low: Decimal, high: Decimal) -> str:
    def one(x: Decimal) -> str:
        return f"{x.normalize():,f}" if x == x.to_integral_value() else f"{x.normalize():f}"

    return one(low) if low == high else f"{one(low)}\u2013{one(high)}"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _filter_css(story: Story, kinds: Sequence[FactKind]) -> Markup:
    """The kind and outlet filters' no-JavaScript rules, for what this page has of both (kinds are a registry).

    `#only-o3:target` hides the facts outlet 3 does not state; `#only-kind-date:target` all but the dates.
    """
    classes = [f"kind-{k.name}" for k in kinds] + [f"o{i}" for i in range(len(story.sources))]
    rules = [f"#only-{c}:target~.px-area:not(.px-js) .px-item:not(.px-{c}){{display:none}}" for c in classes]
    return Markup("\n".join(rules))


def _claims_jsonld(story: Story, facts: list[Fact], site_url: str | None) -> list[dict]:
    """schema.org Claim per compared fact, each outlet's article an appearance; no verdicts.

    Each article is described once in the graph and referred to by its `@id` from every claim.
    """
    base = (site_url or "").rstrip("/")
    articles = []
    for s in story.sources:
        item = {
            "@id": f"#article-{s.id}",
            "@type": "NewsArticle",
            "headline": s.title,
            "publisher": {"@type": "Organization", "name": s.outlet},
        }
        if s.url:
            item["url"] = s.url
        if s.published:
            item["datePublished"] = s.published.isoformat()
        articles.append(item)
    claims = []
    for fact in facts:
        claim = {
            "@type": "Claim",
            "name": fact.label,
            "appearance": [{"@id": f"#article-{sid}"} for sid in fact.sources],
        }
        if base:
            claim["url"] = f"{base}/{urls.fact(story.id, fact.id)}"
        else:
            claim["identifier"] = fact.id
        claims.append(claim)
    return [{"@context": "https://schema.org", "@graph": [*articles, *claims]}] if claims else []


def _jsonld(value: object) -> Markup:
    """JSON for a <script> element: '<', '>' and '&' escaped so article text cannot close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _source_context(story: Story, source: Source, url: str) -> dict:
    mentions = [(m, f) for f in story.facts for m in f.mentions if m.source == source.id]
    return {
        "story": story,
        "source": source,
        "segments": _segments(source, mentions, url),
        "counts": Counter(m.kind for m, _ in mentions),
    }


@dataclass(frozen=True)
class Segment:
    text: str
    furniture: bool
    kinds: tuple[str, ...]  # kinds of fact covering this stretch
    link: str | None  # the most specific fact covering it
    title: str | None
    anchors: tuple[str, ...]  # mention anchors starting here
    opens_sentence: bool = False  # a stated fact's sentence starts here (highlighted when linked to)
    closes_sentence: bool = False


def _segments(source: Source, mentions: list[tuple[Mention, Fact]], page_url: str) -> list[Segment]:
    """Cut the text where any mention, its sentence or a furniture block starts or ends; mark each piece.

    Every start and end is a cut, so a mention covers a piece exactly when it is open at the piece's start:
    one sweep over the cuts keeps the open mentions (a text has thousands of pieces and hundreds of mentions).
    """
    text = source.text
    sentences = _disjoint(sorted({(s.start, s.end) for s in (sentence_span(text, m) for m, _ in mentions)}))
    cuts = {0, len(text)}
    opening: dict[int, list[tuple[Mention, Fact]]] = {}
    for m, f in mentions:
        cuts.update((m.start, m.end))
        opening.setdefault(m.start, []).append((m, f))
    for f in source.furniture:
        cuts.update((f.start, f.end))
    for start, end in sentences:
        cuts.update((start, end))
    starts, ends = {a for a, _ in sentences}, {b for _, b in sentences}
    points = sorted(cuts)
    open_mentions: list[tuple[Mention, Fact]] = []
    out = []
    for a, b in zip(points, points[1:], strict=False):
        # the mentions covering this piece: those still open and those starting here (an empty one covers nothing)
        covering = [p for p in open_mentions + opening.get(a, []) if p[0].end > a]
        open_mentions = covering
        starting = tuple(sorted({anchors.mention_anchor(m) for m, _ in opening.get(a, [])}))
        furniture = any(f.start <= a < f.end for f in source.furniture)
        link_to = title = None
        if covering:
            m, fact = min(covering, key=lambda p: (p[0].end - p[0].start, p[1].id))
            link_to = link(page_url, urls.fact(fact.story, fact.id))
            title = f"{fact_kind(fact.kind).word}: {fact.label} ({fact.verdict})"
        kinds = tuple(sorted({f.kind for _, f in covering}))
        out.append(Segment(text[a:b], furniture, kinds, link_to, title, starting, a in starts, b in ends))
    return out


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans that do not overlap (the first of two overlapping ones is kept), so wrappers nest."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if end > start and (not kept or start >= kept[-1][1]):
            kept.append((start, end))
    return kept


def _names(stories: list[Story], page_url: str) -> list[dict]:
    """Per story, every person, organisation and place with its spellings by outlet (facts or not)."""
    out = []
    for story in stories:
        by_id = {s.id: s for s in story.sources}
        rows = []
        for entry in story.names:
            spellings: dict[str, list[str]] = {}
            for spelling in entry.spellings:
                outlets = spellings.setdefault(spelling.text, [])
                if by_id[spelling.source].outlet not in outlets:
                    outlets.append(by_id[spelling.source].outlet)
            target = link(page_url, urls.fact(story.id, entry.fact_id)) if entry.fact_id else None
            rows.append({"entry": entry, "link": target, "spellings": sorted(spellings.items())})
        out.append({"story": story, "rows": rows})
    return out
