"""The demo site in a real browser (Debian's chromium, driven by Playwright): permalinks, copying a
citation, no script errors, pages readable without JavaScript, and screenshots in light and dark mode
saved to tests/artifacts/ for a human to look at."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output readable
        pass


@pytest.fixture(scope="session")
def built(demo_site) -> Path:
    return demo_site


@pytest.fixture(scope="session")
def base_url(built):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() or not shutil.which(str(CHROMIUM)):
        pytest.fail(f"{CHROMIUM} is missing: run ./setup.sh (it installs Debian's chromium package)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def comparison(built) -> dict:
    return json.loads((built / "data" / "comparison.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def story(comparison) -> dict:
    return comparison["stories"][0]


def first_fact(story: dict, *statuses: str) -> dict:
    """The first fact with one of these statuses (the demo's facts change as extractors improve)."""
    for status in statuses:
        for fact in story["facts"]:
            if fact["status"] == status:
                return fact
    pytest.fail(f"no fact with status {statuses} in {story['id']}")


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def in_viewport(page, element_id: str) -> bool:
    return page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.height > 0 && r.top >= 0 && r.top < window.innerHeight; }""",
        element_id,
    )


def test_a_fact_permalink_scrolls_to_the_fact(context, base_url, story):
    fact = first_fact(story, "differ", "agree", "single")
    page = context.new_page()
    page.goto(base_url + story["url"] + "#" + fact["id"])
    page.wait_for_load_state("load")
    page.wait_for_function(
        "id => document.getElementById(id).getBoundingClientRect().top < window.innerHeight", arg=fact["id"]
    )
    assert in_viewport(page, fact["id"])


def test_a_folded_single_source_fact_opens_when_linked(context, base_url, story):
    folded = [f for f in story["facts"] if f["status"] == "single" and f["kind"] in ("name", "place", "claim")]
    if not folded:
        pytest.fail("the demo should have single-source names, places or claims")
    fact = folded[0]
    page = context.new_page()
    page.goto(base_url + story["url"])
    page.goto(base_url + story["url"] + "#" + fact["id"])
    page.wait_for_timeout(200)
    assert page.locator(f"[id='{fact['id']}']").is_visible()
    assert in_viewport(page, fact["id"])


def test_copy_citation_copies_the_permalink(browser, base_url, story):
    fact = first_fact(story, "differ", "agree", "single")
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = ctx.new_page()
        page.goto(base_url + story["url"] + "#" + fact["id"])
        block = page.locator(f"section.px-fact:has(> [id='{fact['id']}'])").first
        if fact["status"] == "single":
            block = page.locator(f"li.px-single:has(> [id='{fact['id']}'])").first
        box = block.locator("details.px-cite").last
        box.locator("summary").click()
        box.locator("button.px-copy-citation").click()
        page.wait_for_function("() => document.querySelector('[data-copied]') !== null")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert f"{base_url}{story['url']}#{fact['id']}" in copied
        assert fact["label"].split("…")[0][:30] in copied
    finally:
        ctx.close()


def test_copy_an_outlet_version_gives_outlet_and_sentence(browser, base_url, story, comparison):
    fact = first_fact(story, "differ", "agree")
    mention = fact["mentions"][0]
    outlet = next(s["outlet"] for s in comparison["sources"] if s["id"] == mention["source"])
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = ctx.new_page()
        page.goto(base_url + story["url"] + "#" + fact["id"])
        card = page.locator(f"[id='{fact['id']}--{mention['source']}']")
        card.locator("details.px-cite summary").click()
        card.locator("button.px-copy-citation").click()
        page.wait_for_function("() => document.querySelector('[data-copied]') !== null")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert outlet in copied
        assert " ".join(mention["text"].split())[:40] in copied
        wiki_button = card.locator("button.px-copy-wiki")
        wiki_button.click()
        page.wait_for_timeout(100)
        assert page.evaluate("navigator.clipboard.readText()").startswith("{{cite news |")
    finally:
        ctx.close()


def test_no_console_errors(context, base_url, story):
    pages = ["", story["url"], f"sources/{story['sources'][0]}/", "names/"]
    problems = []
    page = context.new_page()
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    for url in pages:
        response = page.goto(base_url + url)
        assert response and response.ok, url
        page.wait_for_load_state("load")
    assert problems == []


def test_citations_are_readable_without_javascript(browser, base_url, story):
    fact = first_fact(story, "differ", "agree", "single")
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(base_url + story["url"] + "#" + fact["id"])
        box = page.locator(f"details.px-cite[data-anchor='{fact['id']}']").first
        box.locator("summary").click()
        text = box.inner_text()
        assert f"{story['url']}#{fact['id']}" in text
        assert "{{cite news" in text
        assert not box.locator("button.px-copy").first.is_visible()  # copy buttons need the script
    finally:
        ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser, base_url, story, scheme):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 1000})
    try:
        page = ctx.new_page()
        page.goto(base_url + story["url"])
        page.wait_for_load_state("load")
        palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == ("slate" if scheme == "dark" else "default")
        page.screenshot(path=str(ARTIFACTS / f"story-{scheme}.png"))
        fact = first_fact(story, "differ", "agree")
        page.goto(base_url + story["url"] + "#" + fact["id"])
        page.locator(f"[id='{fact['id']}--{fact['mentions'][0]['source']}'] details.px-cite summary").click()
        page.screenshot(path=str(ARTIFACTS / f"story-fact-{scheme}.png"))
        page.goto(base_url + story["url"] + "#coverage")
        page.screenshot(path=str(ARTIFACTS / f"story-matrix-{scheme}.png"))
        page.goto(base_url + f"sources/{story['sources'][0]}/")
        page.screenshot(path=str(ARTIFACTS / f"source-{scheme}.png"))
    finally:
        ctx.close()


def test_palette_toggle_switches_to_dark(context, base_url, story):
    page = context.new_page()
    page.goto(base_url + story["url"])
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') !== s", arg=before)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != before
