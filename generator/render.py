"""The only place that knows Jinja2: turns the site model into generated pages and data files.

Every page is Markdown holding one raw HTML block rendered from `generator/templates/`
with autoescaping on, so article text (untrusted) is escaped wherever it
reaches HTML. The result is a mapping from site path to content that the MkDocs
plugin adds in memory and the `export` command writes to disk.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator import anchors, data, urls
from generator.align.quotes import word_diff
from generator.model import Fact, Mention, Source, Story
from generator.pipeline import SiteModel

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_ORDER = {"differ": 0, "agree": 1, "single": 2}
STATUS_WORDS = {"differ": "Outlets differ", "agree": "Outlets agree", "single": "One outlet only"}
KIND_WORDS = {
    "quote": "Quote",
    "number": "Number",
    "date": "Date and time",
    "name": "Name",
    "place": "Place",
    "claim": "Claim",
}
SITE_NAME = "Parallax"
MAX_LISTED_OUTLETS = 12  # above this, per-outlet columns and lists would grow with facts x outlets


@dataclass(frozen=True)
class OutletCount:
    """Stands for a list of outlets too long to print ("1,990 of the 2,000 outlets")."""

    outlet: str


@dataclass(frozen=True)
class Version:
    """One outlet's version of a fact, ready for a template."""

    source: Source
    mention: Mention
    sentence: Markup  # the sentence with the mention marked
    anchor: str  # id of this outlet's version on the story page
    source_link: str  # link to the mention on the outlet's page in this site
    original_link: str | None  # the original article, opened at the sentence (text fragment)


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
    env = environment(templates)
    files: dict[str, str] = {}
    stories = sorted(model.stories, key=lambda s: s.id)
    live = [s for s in stories if s.sources]
    files["index.md"] = _page(
        env, "home.html.j2", "", "Home", stories=live, counts={s.id: _counts(s) for s in live}, problems=model.problems
    )
    for story in stories:
        url = urls.story_page(story.id)
        files[urls.page_file(url)] = _page(
            env, "story.html.j2", url, story.title, **_story_context(story, url, site_url)
        )
        for source in story.sources:
            surl = urls.source_page(source.id)
            files[urls.page_file(surl)] = _page(
                env,
                "source.html.j2",
                surl,
                f"{source.outlet}: {source.title}",
                searchable=False,
                **_source_context(story, source, surl),
            )
    files["names.md"] = _page(env, "names.html.j2", "names/", "Names and spellings", stories=_names(live, "names/"))
    files["data/comparison.json"] = data.comparison_json(model)
    files["data/anchors.json"] = data.anchors_json(model)
    files["data/facts.csv"] = data.facts_csv(model)
    for asset in sorted((templates / "assets").glob("*")):
        files[f"assets/{asset.name}"] = asset.read_text(encoding="utf-8")
    return files


def _page(env: Environment, template: str, url: str, title: str, searchable: bool = True, **context) -> str:
    """A Markdown page: a JSON-quoted title (valid YAML) and one raw HTML block.

    The table of contents is hidden: MkDocs finds no headings inside raw HTML, and the
    comparison tables need the width. Article pages stay out of the search index:
    search should land on facts, and indexing every article's text is most of a build's time.
    """
    html = env.get_template(template).render(
        page_url=url, rel=lambda to: urls.relative(url, to), title=title, **context
    )
    search = "" if searchable else "search:\n  exclude: true\n"
    return (
        f"---\ntitle: {json.dumps(_theme_title(title), ensure_ascii=False)}\nhide:\n  - toc\n{search}---\n\n"
        f'<div class="px-page">\n{html.strip()}\n</div>\n'
    )


def _theme_title(title: str) -> str:
    """The theme puts page titles into the header and nav unescaped: keep article text from forming tags there."""
    return title.replace("<", "\u2039").replace(">", "\u203a")


def _counts(story: Story) -> Counter:
    return Counter(f.status for f in story.facts)


def _story_context(story: Story, url: str, site_url: str | None) -> dict:
    facts = sorted(story.facts, key=lambda f: (STATUS_ORDER[f.status], f.kind, f.label.lower(), f.id))
    versions = {f.id: _versions(story, f, url) for f in facts}
    multi = [f for f in facts if f.status != "single"]
    outlets = {s.id: s.outlet for s in story.sources}
    context = {
        "story": story,
        "sources": story.sources,
        "counts": _counts(story),
        "differ": [f for f in facts if f.status == "differ"],
        "agree": [f for f in facts if f.status == "agree"],
        "single": [f for f in facts if f.status == "single"],
        "matrix": [(f, [_cell(f, s) for s in story.sources]) for f in multi]
        if len(story.sources) <= MAX_LISTED_OUTLETS
        else [],
        "versions": versions,
        "diffs": {f.id: _quote_diffs(f) for f in facts if f.kind == "quote" and f.status != "single"},
        "missing": {f.id: _missing(story, f) for f in facts},
        "kind_words": KIND_WORDS,
        "status_words": STATUS_WORDS,
        "citations": {f.id: _citations(story, f, versions[f.id], site_url) for f in facts},
        "jsonld": _claims_jsonld(story, multi, site_url),
        "retired": story.retired,
        "outlet_of": lambda source_id: outlets.get(source_id, source_id),
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


def _cell(fact: Fact, source: Source) -> str | None:
    ms = [m for m in fact.mentions if m.source == source.id]
    if not ms:
        return None
    return ms[0].value or ms[0].text


def _versions(story: Story, fact: Fact, page_url: str) -> list[Version]:
    by_id = {s.id: s for s in story.sources}
    out = []
    seen: set[str] = set()
    for m in fact.mentions:
        if m.source in seen:  # one card per outlet; its first mention stands for it
            continue
        seen.add(m.source)
        source = by_id[m.source]
        out.append(
            Version(
                source=source,
                mention=m,
                sentence=_marked_sentence(source.text, m),
                anchor=anchors.version_anchor(fact.id, source.id),
                source_link=urls.relative(page_url, urls.source_page(source.id) + "#" + anchors.mention_anchor(m)),
                original_link=text_fragment_link(source.url, source.text[m.sentence.start : m.sentence.end]),
            )
        )
    return out


def _marked_sentence(text: str, m: Mention) -> Markup:
    start, end = min(m.sentence.start, m.start), max(m.sentence.end, m.end)
    before, inside, after = text[start : m.start], text[m.start : m.end], text[m.end : end]
    return Markup("{}<mark>{}</mark>{}").format(before, inside, after)


def text_fragment_link(url: str | None, sentence: str) -> str | None:
    """A link that opens the original article scrolled to the sentence (#:~:text=start,end)."""
    if not url:
        return None
    words = sentence.split()
    if not words:
        return url

    def enc(ws: list[str]) -> str:
        return quote(" ".join(ws), safe="")

    fragment = enc(words) if len(words) <= 8 else f"{enc(words[:4])},{enc(words[-4:])}"
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


def _citations(story: Story, fact: Fact, versions: list[Version], site_url: str | None) -> dict:
    """Plain-text and {{cite news}} citations for the fact and for each outlet's version."""
    base = (site_url or "").rstrip("/")
    permalink = f"{base}/{urls.fact(story.id, fact.id)}" if base else urls.fact(story.id, fact.id)
    plain = f"{SITE_NAME}, \u201c{fact.label}\u201d ({story.title}). {fact.verdict}. {permalink}"
    wiki = (
        f"{{{{cite news |url={permalink} |title={_wiki(fact.label)} |work={SITE_NAME}: {_wiki(story.title)}"
        f" |quote={_wiki(fact.verdict)}}}}}"
    )
    per_outlet = {}
    for v in versions:
        link = f"{base}/{urls.story_page(story.id)}#{v.anchor}" if base else f"{urls.story_page(story.id)}#{v.anchor}"
        sentence = " ".join(v.source.text[v.mention.sentence.start : v.mention.sentence.end].split())
        published = v.source.published.isoformat() if v.source.published else ""
        fields = [f"title={_wiki(v.source.title)}", f"work={_wiki(v.source.outlet)}"]
        if v.source.url:
            fields.insert(0, f"url={v.source.url}")
        if published:
            fields.append(f"date={published}")
        if v.source.author:
            fields.append(f"author={_wiki(v.source.author)}")
        fields.append(f"quote={_wiki(sentence)}")
        per_outlet[v.source.id] = {
            "permalink": link,
            "plain": f"{v.source.outlet}, \u201c{v.source.title}\u201d{', ' + published if published else ''}: "
            f"\u201c{sentence}\u201d. Compared at {link}",
            "wiki": "{{cite news |" + " |".join(fields) + "}}",
        }
    return {"permalink": permalink, "plain": plain, "wiki": wiki, "outlets": per_outlet}


def _wiki(value: str) -> str:
    """Template parameters must not break out of {{cite news}}."""
    return value.replace("|", "{{!}}").replace("}}", "} }").replace("{{", "{ {")


def _claims_jsonld(story: Story, facts: list[Fact], site_url: str | None) -> list[dict]:
    """schema.org Claim per compared fact, each outlet's article an appearance; no verdicts."""
    by_id = {s.id: s for s in story.sources}
    base = (site_url or "").rstrip("/")
    claims = []
    for fact in facts:
        appearances = []
        for sid in fact.sources:
            s = by_id[sid]
            item = {
                "@type": "NewsArticle",
                "headline": s.title,
                "publisher": {"@type": "Organization", "name": s.outlet},
            }
            if s.url:
                item["url"] = s.url
            if s.published:
                item["datePublished"] = s.published.isoformat()
            appearances.append(item)
        claim = {"@type": "Claim", "name": fact.label, "appearance": appearances}
        if base:
            claim["url"] = f"{base}/{urls.fact(story.id, fact.id)}"
        else:
            claim["identifier"] = fact.id
        claims.append(claim)
    return [{"@context": "https://schema.org", "@graph": claims}] if claims else []


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


def _segments(source: Source, mentions: list[tuple[Mention, Fact]], page_url: str) -> list[Segment]:
    """Cut the text where any mention or furniture block starts or ends; mark each piece."""
    text = source.text
    cuts = {0, len(text)}
    for m, _ in mentions:
        cuts.update((m.start, m.end))
    for f in source.furniture:
        cuts.update((f.start, f.end))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        covering = [(m, f) for m, f in mentions if m.start <= a and b <= m.end]
        starting = tuple(sorted({anchors.mention_anchor(m) for m, _ in mentions if m.start == a}))
        furniture = any(f.start <= a and b <= f.end for f in source.furniture)
        link = title = None
        if covering:
            m, fact = min(covering, key=lambda p: (p[0].end - p[0].start, p[1].id))
            link = urls.relative(page_url, urls.fact(fact.story, fact.id))
            title = f"{KIND_WORDS.get(fact.kind, fact.kind)}: {fact.label} ({fact.verdict})"
        out.append(Segment(text[a:b], furniture, tuple(sorted({f.kind for _, f in covering})), link, title, starting))
    return out


def _names(stories: list[Story], page_url: str) -> list[dict]:
    """Per story, every person, organisation and place with its spellings by outlet (facts or not)."""
    out = []
    for story in stories:
        by_id = {s.id: s for s in story.sources}
        rows = []
        for entry in story.names:
            spellings: dict[str, list[str]] = {}
            for m in entry.mentions:
                outlets = spellings.setdefault(" ".join(m.text.split()), [])
                if by_id[m.source].outlet not in outlets:
                    outlets.append(by_id[m.source].outlet)
            link = urls.relative(page_url, urls.fact(story.id, entry.fact_id)) if entry.fact_id else None
            rows.append({"entry": entry, "link": link, "spellings": sorted(spellings.items())})
        out.append({"story": story, "rows": rows})
    return out
