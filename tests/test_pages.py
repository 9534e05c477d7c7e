"""The built pages, read as HTML without a browser: ids and permalinks, JSON-LD, accessible tables, escaping."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_build

ROOT = Path(__file__).resolve().parent.parent
VERDICT_WORDS = ("agree", "differ", "single", "outlets", "one outlet only")


def build(seeds: Path, site: Path, cache: Path) -> None:
    """The demo (or any) site, built as a user would build it."""
    done = run_build(seeds, site, cache)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def site(demo_site) -> Path:
    return demo_site


@pytest.fixture(scope="session")
def comparison(site) -> dict:
    return json.loads((site / "data" / "comparison.json").read_text(encoding="utf-8"))


class Page(HTMLParser):
    """Just what the tests look at: elements with their attributes, text per id, scripts, tables."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.ids: dict[str, tuple[str, dict]] = {}
        self.open_ids: list[tuple[str, str]] = []  # (tag, id) of elements still open, to collect their text
        self.text_of: dict[str, str] = {}
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.tables: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if "id" in a:
            self.ids[a["id"]] = (tag, a)
            self.open_ids.append((tag, a["id"]))
            self.text_of[a["id"]] = ""
        if tag == "script":
            self._script = a
            self.scripts.append((a, ""))
        if tag == "table":
            self.tables.append({"caption": False, "th": []})
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and self.tables:
            self.tables[-1]["th"].append(a)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        if self.open_ids and self.open_ids[-1][0] == tag:
            self.open_ids.pop()

    def handle_data(self, data):
        if self._script is not None:
            a, text = self.scripts[-1]
            self.scripts[-1] = (a, text + data)
        for _, i in self.open_ids:
            self.text_of[i] += data


def page(site: Path, url: str) -> Page:
    return Page((site / url.split("#")[0] / "index.html").read_text(encoding="utf-8"))


def test_every_fact_has_its_id_and_a_pilcrow_permalink(site, comparison):
    for story in comparison["stories"]:
        p = page(site, story["url"])
        permalinks = {a.get("href") for tag, a in p.elements if tag == "a" and "headerlink" in a.get("class", "")}
        for fact in story["facts"]:
            assert fact["id"] in p.ids, fact["id"]
            assert f"#{fact['id']}" in permalinks, fact["id"]
            assert "¶" in p.text_of[fact["id"]], fact["id"]


def test_story_jsonld_lists_claims_with_appearances_and_no_verdicts(site, comparison):
    for story in comparison["stories"]:
        p = page(site, story["url"])
        blocks = [json.loads(text) for a, text in p.scripts if a.get("type") == "application/ld+json"]
        assert len(blocks) == 1
        graph = blocks[0]["@graph"]
        claims = [n for n in graph if n["@type"] == "Claim"]
        articles = {n["@id"]: n for n in graph if n["@type"] == "NewsArticle"}
        compared = [f for f in story["facts"] if f["status"] != "single"]
        assert len(claims) == len(compared)
        for claim in claims:
            assert claim["appearance"], claim
            appearances = [articles[a["@id"]] for a in claim["appearance"]]  # each article described once
            assert all(a["publisher"]["name"] and a["headline"] for a in appearances)
            keys = json.dumps(sorted(claim)).lower()
            assert "verdict" not in keys and "review" not in keys
            assert not any(claim.get(k) for k in ("reviewRating", "verdict", "status"))


def test_jsonld_cannot_close_its_script_element(site, comparison):
    for story in comparison["stories"]:
        p = page(site, story["url"])
        for a, text in p.scripts:
            if a.get("type") == "application/ld+json":
                assert "<" not in text


@pytest.mark.parametrize("url", ["", "names/", "stories/iran-missile-strike-2020-01/"])
def test_tables_have_a_caption_and_scoped_headers(site, url):
    p = Page((site / url / "index.html").read_text(encoding="utf-8"))
    ours = [t for t in p.tables if t["th"]]
    assert ours, url
    for table in ours:
        assert table["caption"], url
        assert all(th.get("scope") in ("col", "row") for th in table["th"]), url


def test_source_pages_link_every_mention(site, comparison):
    for story in comparison["stories"]:
        mentions = [(f, m) for f in story["facts"] for m in f["mentions"]]
        for sid in story["sources"]:
            p = page(site, f"sources/{sid}/")
            hrefs = {
                a.get("href", "").split("#")[-1] for tag, a in p.elements if tag == "a" and "px-m" in a.get("class", "")
            }
            fact_ids = {f["id"] for f, m in mentions if m["source"] == sid}
            assert fact_ids and hrefs <= fact_ids | {""}
            assert len(hrefs) >= len(fact_ids) // 2  # nested mentions link the innermost fact


def test_names_page_lists_spellings_by_outlet(site, comparison):
    p = page(site, "names/")
    names = [f for s in comparison["stories"] for f in s["facts"] if f["kind"] in ("name", "place")]
    assert names
    links = {a.get("href", "") for tag, a in p.elements if tag == "a"}
    for fact in names:
        assert any(h.endswith(f"#{fact['id']}") for h in links), fact["id"]


def test_facts_csv_has_one_row_per_fact_and_outlet_that_states_it(site, comparison):
    with (site / "data" / "facts.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    pairs = [(r["fact_id"], r["source"]) for r in rows]
    assert len(pairs) == len(set(pairs))
    expected = {(f["id"], m["source"]) for s in comparison["stories"] for f in s["facts"] for m in f["mentions"]}
    assert set(pairs) == expected


def test_home_is_called_home_in_the_navigation(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert ">Home<" in html.replace("\n", "").replace("  ", "")


HOSTILE = """---
outlet: "<script>alert(1)</script> News"
title: "Headline <script>alert(1)</script>"
url: "javascript:alert(1)"
published: 2020-01-08
---
Iran fired 15 missiles at two bases in Iraq on Wednesday, officials said. <script>alert(1)</script>
The attack <img src=x onerror=alert(1)> caused no casualties, the Pentagon said.
--8<-- "/etc/passwd"
"We do not seek war," Foreign Minister Mohammad Javad Zarif said on Wednesday.
"""

NORMAL = """---
outlet: Plain News
title: Iran strikes bases in Iraq
url: https://example.org/news/iran
published: 2020-01-08
---
Iran fired 16 missiles at two bases in Iraq on Tuesday night, the Pentagon said.
"We do not seek war," Foreign Minister Mohammad Javad Zarif said on Wednesday.
"""


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    story = root / "seeds" / "hostile-story"
    story.mkdir(parents=True)
    (story / "evil.md").write_text(HOSTILE, encoding="utf-8")
    (story / "plain.md").write_text(NORMAL, encoding="utf-8")
    build(root / "seeds", root / "site", root / "cache")
    return root / "site"


def test_untrusted_article_text_is_escaped_everywhere(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert any("sources" in p.parts for p in pages)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, path
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), path
        assert "<img src=x" not in html, path
        p = Page(html)
        for tag, a in p.elements:
            assert not a.get("href", "").strip().lower().startswith("javascript:"), (path, tag, a)
            assert not any(k.startswith("on") for k in a), (path, tag, a)


def test_snippet_lines_are_shown_not_included(hostile_site):
    html = "".join(p.read_text(encoding="utf-8") for p in hostile_site.rglob("sources/*/index.html"))
    assert "--8&lt;--" in html or "--8<--" not in html
    assert "root:" not in html


# Issue 10: citations, text fragments, search index, pictures.


def story_html(site: Path, comparison: dict) -> str:
    return (site / comparison["stories"][0]["url"] / "index.html").read_text(encoding="utf-8")


def test_citations_carry_date_version_and_access_date_with_clean_punctuation(site, comparison):
    from generator import __version__

    story = comparison["stories"][0]
    dates = sorted(s["published"] for s in comparison["sources"] if s["id"] in story["sources"] and s["published"])
    cite_page = (site / story["url"] / "cite" / "index.html").read_text(encoding="utf-8")
    html = cite_page + story_html(site, comparison)
    plains = re.findall(r'<p class="px-cite-text[^"]*">(.*?)</p>', html, re.S)
    assert len(plains) > len(story["facts"])
    assert f"Parallax {__version__} comparison of {dates[-1]}" in html
    assert f"access-date={dates[-1]}" in html
    assert "(accessed " in html
    for plain in plains:
        assert "(accessed " in plain and __version__ in plain, plain
        for bad in (".\u201d.", "..", ".\u201d. Compared", " ."):
            assert bad not in plain.replace("...", "\u2026"), plain
    assert html.count("{{cite news") >= len(story["facts"])  # every fact and version on the citations page


def test_absolute_citation_links_when_a_site_url_is_known(tmp_path):
    done = run_build(ROOT / "seeds", tmp_path / "site", tmp_path / "cache", "--site-url", "https://example.org/px/")
    assert done.returncode == 0, done.stderr
    assert "no site_url" not in done.stderr
    comparison = json.loads((tmp_path / "site" / "data" / "comparison.json").read_text(encoding="utf-8"))
    html = story_html(tmp_path / "site", comparison)
    fact = next(f for f in comparison["stories"][0]["facts"] if f["status"] != "single")
    assert f"https://example.org/px/{fact['url']}" in html


def citations(html: str) -> tuple[list[str], list[str]]:
    """Every plain-text citation and every {{cite news}} template in a page."""
    plains = [" ".join(p.split()) for p in re.findall(r'<p class="px-cite-text[^"]*">(.*?)</p>', html, re.S)]
    wikis = [" ".join(w.split()) for w in re.findall(r"\{\{cite news \|.*?\}\}", html, re.S)]
    return plains, wikis


def test_every_citation_and_cite_news_names_the_date_version_and_access_date(site, comparison):
    from generator import __version__

    story = comparison["stories"][0]
    day = max(s["published"] for s in comparison["sources"] if s["id"] in story["sources"] and s["published"])
    html = story_html(site, comparison) + (site / story["url"] / "cite" / "index.html").read_text(encoding="utf-8")
    plains, wikis = citations(html)
    assert len(plains) > len(story["facts"]) and len(wikis) > len(story["facts"])
    for plain in plains:
        assert f"Parallax {__version__} comparison of {day}" in plain and f"(accessed {day})" in plain, plain
    for wiki in wikis:
        assert f"access-date={day}" in wiki and f"Parallax {__version__}" in wiki, wiki
        assert f"|date={day}" in wiki or f"comparison of {day}" in wiki, wiki


def test_every_citation_link_is_absolute_when_a_site_url_is_known(tmp_path):
    done = run_build(ROOT / "seeds", tmp_path / "site", tmp_path / "cache", "--site-url", "https://example.org/px/")
    assert done.returncode == 0, done.stderr
    comparison = json.loads((tmp_path / "site" / "data" / "comparison.json").read_text(encoding="utf-8"))
    story = comparison["stories"][0]
    cite = (tmp_path / "site" / story["url"] / "cite" / "index.html").read_text(encoding="utf-8")
    plains, wikis = citations(story_html(tmp_path / "site", comparison) + cite)
    ours = re.compile(r"(?:https?://\S+|stories/\S+)")
    links = [
        u.rstrip(").,")
        for text in plains + wikis
        for u in ours.findall(text)
        if "example.org/px" in u or u.startswith("stories/")
    ]
    assert links and all(u.startswith("https://example.org/px/stories/") for u in links), links[:5]
    page = story_html(tmp_path / "site", comparison)
    assert '"base": "https://example.org/px"' in page  # what the script makes an outlet's citation from


def _cited_story(tmp_path: Path, cluster: str, names: tuple[str, ...]) -> subprocess.CompletedProcess:
    seeds = tmp_path / "seeds" / "story"
    seeds.mkdir(parents=True)
    for name in names:
        (seeds / name).write_text((ROOT.parent / "shared/devset" / cluster / name).read_text("utf-8"), "utf-8")
    return run_build(tmp_path / "seeds", tmp_path / "site", tmp_path / "cache")


def test_a_story_dated_only_by_its_pages_time_stamps_is_cited_with_that_day(tmp_path, monkeypatch):
    """Plain text with no metadata but a stamp on the page ("Thursday, March 14, 2013"): no clock involved."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 20000))  # 2024-10-04, which must not show
    done = _cited_story(tmp_path, "geysers_quake_2013", ("01_kgo-abc7.txt", "02_mercurynews.txt"))
    assert done.returncode == 0, done.stderr
    assert "no dated article" not in done.stderr
    comparison = json.loads((tmp_path / "site" / "data" / "comparison.json").read_text(encoding="utf-8"))
    plains, wikis = citations(story_html(tmp_path / "site", comparison))
    assert plains and all("comparison of 2013-03-14" in p for p in plains), plains[:2]
    assert "2024-10-04" not in " ".join(plains + wikis)


def test_an_undated_story_is_cited_with_the_builds_date_and_the_build_says_so(tmp_path, monkeypatch):
    """Articles with no date at all, not even a stamp on the page: the citation still names one, the build's."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 20000))  # 2024-10-04
    done = _cited_story(tmp_path, "dnc_russia_lawsuit_2018", ("01_huffpost-reuters.txt", "02_nytimes.txt"))
    assert done.returncode == 0, done.stderr
    assert "no dated article (story)" in done.stderr and "2024-10-04" in done.stderr
    comparison = json.loads((tmp_path / "site" / "data" / "comparison.json").read_text(encoding="utf-8"))
    cite = (tmp_path / "site" / comparison["stories"][0]["url"] / "cite" / "index.html").read_text(encoding="utf-8")
    plains, wikis = citations(story_html(tmp_path / "site", comparison) + cite)
    assert plains and wikis
    assert all("comparison of 2024-10-04" in p and "(accessed 2024-10-04)" in p for p in plains), plains[:2]
    for wiki in wikis:
        assert "access-date=2024-10-04" in wiki, wiki
        assert "comparison of 2024-10-04" in wiki or "|date=2024-10-04" in wiki, wiki
    assert "undated" not in " ".join(plains + wikis)


def test_a_build_without_site_url_warns(tmp_path):
    done = run_build(ROOT / "seeds", tmp_path / "site", tmp_path / "cache")
    assert done.returncode == 0
    assert "no site_url configured" in done.stderr


def test_text_fragments_are_encoded_as_the_spec_requires():
    from generator.render import text_fragment_link

    link = text_fragment_link("https://example.org/a#top", "Pro-Iran forces, AT&T said")
    fragment = link.split("#:~:text=", 1)[1]
    assert link.startswith("https://example.org/a#:~:text=")
    assert "-" not in fragment.replace("%2D", "") and "&" not in fragment
    assert fragment.count(",") == 0  # six words or fewer: one directive, commas inside are encoded
    long = text_fragment_link("https://e.org/", "One two three four five six seven, eight-nine")
    start, end = long.split("#:~:text=", 1)[1].split(",")
    assert start == "One%20two%20three" and end == "six%20seven%2C%20eight%2Dnine"
    # troy_office_shooting_2007: a quote across two lines; neither term crosses the line break
    quote = text_fragment_link("https://e.org/", '"It\'s tough.\nI want to get out," Adgate said by telephone.')
    assert quote.split("#:~:text=", 1)[1] == "%22It%27s%20tough.,said%20by%20telephone."


def fragment_links(html: str) -> list[str]:
    return [a["href"] for tag, a in Page(html).elements if tag == "a" and ":~:text=" in a.get("href", "")]


def test_every_text_fragment_matches_one_line_of_the_source_text(site, comparison):
    from urllib.parse import unquote

    texts = {}
    for s in comparison["sources"]:
        page_html = (site / "sources" / s["id"] / "index.html").read_text(encoding="utf-8")
        texts[s.get("url")] = page_html
    links = fragment_links(story_html(site, comparison))
    assert links
    sources = {s["url"]: s for s in comparison["sources"] if s.get("url")}
    lines_of = {}
    for url, s in sources.items():
        text = (ROOT / "seeds" / s["path"]).read_text(encoding="utf-8")
        lines_of[url] = [" ".join(line.split()) for line in text.splitlines()]
    for href in links:
        url, fragment = href.split("#:~:text=", 1)
        parts = [unquote(p) for p in fragment.split(",")]
        assert len(parts) in (1, 2), href
        assert any(
            parts[0] in line and (len(parts) == 1 or parts[1] in line[line.index(parts[0]) + len(parts[0]) :])
            for line in lines_of[url]
        ), href  # start and end on one line: the sentence never crosses a heading


def test_search_index_holds_facts_not_the_articles_text(site, comparison):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    story = comparison["stories"][0]
    locations = {d["location"] for d in docs}
    assert all(f"{story['url']}#{f['id']}" in locations for f in story["facts"])  # search lands on facts
    everything = " ".join(d["text"] for d in docs)
    sentences = [m["text"] for f in story["facts"] if f["kind"] == "claim" for m in f["mentions"]]
    assert sentences and not any(s in everything for s in sentences)


def test_coverage_picture_is_static_with_a_text_alternative(site, comparison):
    story = comparison["stories"][0]
    svg = (site / story["url"] / "coverage.svg").read_text(encoding="utf-8")
    assert "<title" in svg and "<desc" in svg and "<script" not in svg
    imgs = [
        a for tag, a in Page(story_html(site, comparison)).elements if tag == "img" and a.get("src") == "coverage.svg"
    ]
    assert imgs and "agrees on" in imgs[0]["alt"]


def test_discrepancies_lead_ranked_by_weight(site, comparison):
    from generator.kinds import fact_kind

    story = comparison["stories"][0]
    kinds = {f["id"]: f["kind"] for f in story["facts"]}
    html = story_html(site, comparison)
    brief = html[html.index('<ol class="px-brief">') : html.index("</ol>", html.index('<ol class="px-brief">'))]
    order = [a["href"][1:] for tag, a in Page(brief).elements if tag == "a"]
    assert order and sorted(order, key=lambda i: fact_kind(kinds[i]).weight) == order
    assert {f["id"] for f in story["facts"] if f["status"] == "differ"} == set(order)


def test_source_page_wraps_each_stated_sentence_for_highlighting(site, comparison):
    sid = comparison["stories"][0]["sources"][0]
    html = (site / "sources" / sid / "index.html").read_text(encoding="utf-8")
    assert html.count('<span class="px-sent">') > 5
    p = Page(html)
    assert any(tag == "span" and a.get("id", "").startswith("m-") for tag, a in p.elements)


def test_links_between_pages_work_from_disk(site, comparison):
    for url in ("", comparison["stories"][0]["url"], "names/"):
        for tag, a in Page((site / url / "index.html").read_text(encoding="utf-8")).elements:
            href = a.get("href", "")
            if tag != "a" or not href or href.startswith(("#", "http", "mailto:")) or "px-page" in a.get("class", ""):
                continue
            if "md-" in a.get("class", "") or a.get("class", "") in ("headerlink",):
                continue
            path = href.split("#")[0]
            assert path.endswith((".html", ".json", ".csv", ".svg")), (url, href)


def test_an_outlet_stating_a_fact_twice_with_different_values_shows_both_versions():
    """A verdict never rests on a sentence the reader cannot see (pelosi: Fox gave two years, only one was shown)."""
    from conftest import make_source

    from generator.model import Fact, Mention, Span, Story
    from generator.render import _versions

    fox = make_source("Pelosi has led since 2002. She first led in 2003. Again: since 2002.", "fox")
    huff = make_source("Pelosi has led House Democrats since 2003.", "huff")

    def date(source, word, nth=0):
        start = [i for i in range(len(source.text)) if source.text.startswith(word, i)][nth]
        return Mention("date", source.id, start, start + 4, word, Span(0, len(source.text)), value=word)

    mentions = (date(fox, "2002"), date(fox, "2003"), date(fox, "2002", 1), date(huff, "2003"))
    fact = Fact("date-lead", "s", "date", "Date: lead", "differ", "Outlets differ: 2002 vs 2003", mentions)
    story = Story("s", "S", (fox, huff), (fact,))
    versions = _versions(story, fact, "stories/s/")
    assert [(v.source.id, v.mention.value) for v in versions] == [("fox", "2002"), ("fox", "2003"), ("huff", "2003")]
    assert [v.anchor for v in versions] == ["date-lead--fox", "date-lead--fox--2", "date-lead--huff"]


PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</ul>\s*</nav>', re.S)


def test_pages_outside_the_navigation_share_one_drawing_whose_links_resolve(site):
    """Source pages reuse one navigation drawing: it must be what each page needs, every link landing on a page."""
    sources = sorted((site / "sources").glob("*/index.html"))
    assert len(sources) >= 2
    drawings = {PRIMARY_NAV.search(p.read_text(encoding="utf-8")).group(0) for p in sources}
    assert len(drawings) == 1
    (drawing,) = drawings
    assert "md-nav__link--active" not in drawing, "no entry of the navigation is a source page"
    hrefs = re.findall(r'href="([^"#]*)"', drawing)
    assert any("stories/" in href for href in hrefs)
    for href in hrefs:
        target = (sources[0].parent / href).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href


def test_shared_navigation_draws_once_per_depth_and_never_for_pages_in_it():
    from types import SimpleNamespace

    from generator.plugin import SharedNav

    story = SimpleNamespace(url="stories/a/", children=None)
    home = SimpleNamespace(url="", children=None)
    section = SimpleNamespace(url=None, children=[story])
    nav = SimpleNamespace(pages=[home, story], items=[home, section])
    shared = SharedNav(nav)
    drawn = []

    def draw(name):
        return lambda: drawn.append(name) or f"nav for {name}"

    pages = {
        "story": story,  # in the navigation: its own entry is marked
        "cite": SimpleNamespace(url="stories/a/cite/"),  # in a folder the navigation links into
        "source 1": SimpleNamespace(url="sources/one/"),
        "source 2": SimpleNamespace(url="sources/two/"),
        "deeper": SimpleNamespace(url="sources/one/more/"),
    }
    results = {name: shared(page, draw(name)) for name, page in pages.items()}
    assert drawn == ["story", "cite", "source 1", "deeper"]
    assert results["source 2"] == results["source 1"] == "nav for source 1"
    assert shared(story, draw("story again")) == "nav for story again"


def test_a_source_page_is_cut_where_mentions_start_and_end_and_links_the_innermost_fact():
    """Nested and overlapping mentions, a furniture block and an empty mention, cut by one sweep over the text."""
    from conftest import make_source

    from generator.model import Fact, Mention, Span, Story
    from generator.render import _segments

    text = "Intro line.\nPolice said 14 people were hurt on Monday. Later, more."
    source = make_source(text, "wire", furniture=(Span(0, 11),))
    sentence = Span(12, 54)

    def mention(kind: str, word: str, length: int | None = None) -> Mention:
        start = text.index(word)
        end = start + (len(word) if length is None else length)
        return Mention(kind, source.id, start, end, text[start:end], sentence)

    claim, count = mention("claim", "Police said 14 people were hurt"), mention("number", "14 people")
    day = mention("date", "Monday")
    empty = mention("number", "Later", 0)
    facts = [
        Fact("claim-hurt", "s", "claim", "Claim: hurt", "single", "One outlet", (claim,)),
        Fact("number-hurt", "s", "number", "People hurt", "single", "One outlet", (count, empty)),
        Fact("date-hurt", "s", "date", "Date: hurt", "single", "One outlet", (day,)),
    ]
    story = Story("s", "S", (source,), tuple(facts))
    pairs = [(m, f) for f in story.facts for m in f.mentions]
    segments = _segments(source, pairs, "sources/wire/")
    assert "".join(s.text for s in segments) == text
    by_text = {s.text: s for s in segments}
    assert by_text["Intro line."].furniture and not by_text["14 people"].furniture
    assert by_text["14 people"].kinds == ("claim", "number")
    assert by_text["14 people"].link == "../../stories/s/index.html#number-hurt"  # the innermost fact
    assert by_text["Police said "].link == "../../stories/s/index.html#claim-hurt"
    assert by_text[" were hurt"].kinds == ("claim",)
    assert by_text[" on "].link is None and by_text[" on "].kinds == ()
    assert by_text["Monday"].kinds == ("date",)
    assert by_text["Police said "].opens_sentence and by_text["."].closes_sentence
    later = next(s for s in segments if s.text.startswith("Later"))
    assert later.kinds == () and later.anchors  # an empty mention is anchored where it starts, and covers nothing


@pytest.mark.parametrize(
    ("from_url", "to_url", "expected"),
    [
        ("stories/a/", "stories/a/#fact", "#fact"),
        ("stories/a/", "stories/b/", "../b/index.html"),
        ("sources/x/", "stories/a/#f", "../../stories/a/index.html#f"),
        ("", "stories/a/", "stories/a/index.html"),
        ("stories/a/", "", "../../index.html"),
        ("names/", "names/", "./index.html"),
        ("stories/a/cite/", "stories/a/#f", "../index.html#f"),
        ("stories/a/", "stories/a/coverage.svg", "coverage.svg"),
        ("stories/a/", "data/comparison.json", "../../data/comparison.json"),
    ],
)
def test_links_between_pages_are_relative_and_name_the_index_file(from_url, to_url, expected):
    from generator.render import link

    assert link(from_url, to_url) == expected


def test_relative_paths_are_what_posixpath_gives():
    import itertools
    import posixpath

    from generator.urls import _relpath

    parts = ["stories", "sources", "a", "b-1", "cite", "", "."]
    joined = ("/".join(p) for n in range(4) for p in itertools.product(parts, repeat=n))
    paths = {p for p in joined if not p.startswith("/")}  # site-relative: never from the file system's root
    for path, start in itertools.product(sorted(paths), repeat=2):
        assert _relpath(path, start) == posixpath.relpath(path or ".", start or "."), (path, start)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [{}]},
        [1, -2, 0, 2.5, 1e-7, 12345678901234567890, True, False, None],
        {"text": 'Quote: "It\'s tough" \\ é — \u2028 \x00 end', "nested": {"deeper": [["x"], {"y": None}]}},
        {"share": float("inf"), "other": float("nan")},
    ],
)
def test_comparison_json_is_written_as_json_dumps_would_indent_it(value):
    from generator.data import indented_json

    expected = json.dumps(value, ensure_ascii=False, indent=1)
    assert indented_json(value) == expected
    assert indented_json(value, depth=2) == expected.replace("\n", "\n  ")


def test_comparison_json_rejects_what_json_cannot_key_or_write():
    from generator.data import indented_json

    with pytest.raises(TypeError):
        indented_json({1: "a"})
    with pytest.raises(TypeError):
        indented_json({"a": {1, 2}})


def test_the_published_comparison_json_is_indented_as_json_dumps_writes_it(site):
    text = (site / "data" / "comparison.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
