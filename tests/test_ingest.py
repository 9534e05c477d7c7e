"""Reading a folder of articles: every odd input is read or skipped with a one-line problem, never a crash."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.ingest import Corpus, InputError, decode, read_corpus, slugify

PARAGRAPH = (
    "Iranian forces launched an overnight missile strike on two Iraqi facilities housing U.S. troops in Iraq, "
    "which was described by Iranian Supreme Leader Ayatollah Ali Khamenei as a “slap in the face” for Washington."
)
HEADLINE = "After The Missile Attack, Is Iran Done With Its Retaliation?"
ARTICLE = f"{HEADLINE}\n\n{PARAGRAPH}\n"
# Another article: one story's copies of the same text are read once, so tests with two files need two texts.
OTHER = f"{HEADLINE}\n\nKhamenei did not call for more military retaliatory actions.\n"


def _write(root: Path, name: str, content: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _messages(corpus: Corpus) -> list[str]:
    return [str(p) for p in corpus.problems]


def _only(corpus: Corpus):
    assert len(corpus.sources) == 1, _messages(corpus)
    return corpus.sources[0]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n\t\n", "file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64), "file is binary, not text"),
        ("headline-only.txt", HEADLINE.encode(), "no article text after the headline"),
    ],
)
def test_unreadable_files_are_skipped_with_a_one_line_problem_naming_the_file(tmp_path, name, content, reason):
    _write(tmp_path, "good.txt", ARTICLE)
    _write(tmp_path, name, content)
    corpus = read_corpus(tmp_path)
    assert [s.path for s in corpus.sources] == ["good.txt"]
    assert _messages(corpus) == [f"{name}: skipped: {reason}"]
    assert corpus.problems[0].skipped


def test_not_utf8_is_read_as_cp1252_with_a_warning(tmp_path):
    text = "Iran’s “slap in the face” – said Khamenei\n\nTehran’s missiles hit two bases café.\n"
    _write(tmp_path, "cp.txt", text.encode("cp1252"))
    corpus = read_corpus(tmp_path)
    source = _only(corpus)
    assert source.text == text
    assert source.title == "Iran’s “slap in the face” – said Khamenei"
    (problem,) = corpus.problems
    assert not problem.skipped
    assert str(problem).startswith("cp.txt: not valid UTF-8 (byte ")
    assert str(problem).endswith("read as cp1252")
    assert source.notes == (problem.message,)


def test_decode_keeps_utf8_and_drops_a_byte_order_mark():
    assert decode("Zarif’s tweet".encode()) == ("Zarif’s tweet", None)
    assert decode(b"\xef\xbb\xbfHello") == ("Hello", None)


def test_huge_file_over_the_limit_is_skipped(tmp_path):
    _write(tmp_path, "huge.txt", HEADLINE + "\n\n" + PARAGRAPH * 50)
    corpus = read_corpus(tmp_path, max_bytes=1_000)
    assert corpus.sources == ()
    (message,) = _messages(corpus)
    assert message.startswith("huge.txt: skipped: file is ") and message.endswith("over the 1,000-byte limit")


def test_malformed_front_matter_is_ignored_with_a_warning_and_the_article_is_read(tmp_path):
    _write(tmp_path, "bad.md", f"---\noutlet: [Radio Free\ntitle: x: y: z\n---\n# {HEADLINE}\n\n{PARAGRAPH}\n")
    corpus = read_corpus(tmp_path)
    source = _only(corpus)
    assert source.title == HEADLINE and source.outlet == "Bad"  # file name, prettified (generator.naming)
    (message,) = _messages(corpus)
    assert message.startswith("bad.md: malformed front matter ignored (")
    assert "\n" not in message


def test_front_matter_that_is_not_a_mapping_is_ignored(tmp_path):
    _write(tmp_path, "list.md", f"---\n- one\n- two\n---\n{HEADLINE}\n\n{PARAGRAPH}\n")
    corpus = read_corpus(tmp_path)
    assert _only(corpus).title == HEADLINE
    assert _messages(corpus) == ["list.md: front matter ignored: not a mapping of fields"]


def test_markdown_front_matter_fields(tmp_path):
    _write(
        tmp_path,
        "news/rfe.md",
        "---\n"
        "outlet: Radio Free Europe/Radio Liberty\n"
        "title: After the missile attack\n"
        "url: https://www.radiofree.org/2020/01/08/after-the-missile-attack/\n"
        "published: 2020-01-08\n"
        "author: Golnaz Esfandiari\n"
        "kind: news\n"
        "story: Iran Missile Strike 2020\n"
        "---\n"
        f"# {HEADLINE}\n\n{PARAGRAPH}\n",
    )
    corpus = read_corpus(tmp_path)
    source = _only(corpus)
    assert corpus.problems == ()
    assert (source.id, source.path, source.story) == ("news-rfe", "news/rfe.md", "iran-missile-strike-2020")
    assert source.outlet == "Radio Free Europe/Radio Liberty"
    assert source.title == "After the missile attack"
    assert source.url == "https://www.radiofree.org/2020/01/08/after-the-missile-attack/"
    assert source.published == date(2020, 1, 8)
    assert (source.author, source.kind) == ("Golnaz Esfandiari", "news")
    assert source.text[source.body.start : source.body.end].strip() == PARAGRAPH


def test_javascript_url_in_front_matter_is_dropped_with_a_note(tmp_path):
    _write(
        tmp_path, "x.md", f"---\nurl: javascript:alert(1)\npublished: last Tuesday\n---\n{HEADLINE}\n\n{PARAGRAPH}\n"
    )
    corpus = read_corpus(tmp_path)
    source = _only(corpus)
    assert source.url is None and source.outlet == "X" and source.published is None
    assert _messages(corpus) == [
        "x.md: published date 'last Tuesday' is not YYYY-MM-DD; ignored",
        "x.md: url 'javascript:alert(1)' is not an http(s) address; ignored",
    ]


def test_html_page_keeps_the_article_text_and_drops_scripts(tmp_path):
    html = f"""<!DOCTYPE html><html><head><title>{HEADLINE}</title>
<script>alert(1)</script><meta property="og:site_name" content="Radio Free"></head>
<body><nav><a href="javascript:alert(2)">Home</a></nav>
<article><h1>{HEADLINE}</h1><p>{PARAGRAPH}</p>
<p>Khamenei did not call for more military retaliatory actions, instead saying that the corrupting presence of
America in the region must end. <a href="javascript:alert(3)">More</a></p>
<script>document.write('evil')</script></article></body></html>"""
    _write(tmp_path, "page.html", html)
    source = _only(read_corpus(tmp_path))
    assert "slap in the face" in source.text
    assert "alert" not in source.text and "evil" not in source.text and "javascript" not in source.text
    assert source.title == HEADLINE
    assert source.url is None
    assert source.body.start == 0 and source.body.end == len(source.text)


def test_html_without_text_is_skipped(tmp_path):
    _write(tmp_path, "empty.html", "<html><head><script>alert(1)</script></head><body></body></html>")
    corpus = read_corpus(tmp_path)
    assert corpus.sources == ()
    assert _messages(corpus) == ["empty.html: skipped: no article text found in the HTML page"]


def test_sources_yaml_sidecar_metadata_is_keyed_by_file_name(tmp_path):
    _write(tmp_path, "002_rfe.txt", ARTICLE)
    _write(tmp_path, "003_ci.txt", OTHER)
    _write(
        tmp_path,
        "sources.yaml",
        "_story: {title: Iran strikes back}\n"
        "002_rfe.txt:\n  outlet: Radio Free\n  published: 2020-01-08\n  kind: news\n"
        "003_ci.txt:\n  url: https://conservativeinstitute.org/conservative-news/iran-retaliation-is-complete.htm\n",
    )
    corpus = read_corpus(tmp_path)
    rfe, ci = corpus.sources
    assert (rfe.outlet, rfe.published, rfe.kind) == ("Radio Free", date(2020, 1, 8), "news")
    assert ci.outlet == "conservativeinstitute.org"  # from the url's host
    assert corpus.story_titles == {slugify(tmp_path.name): "Iran strikes back"}


def test_per_file_yaml_beside_the_text_wins_over_sources_yaml_and_loses_to_front_matter(tmp_path):
    _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, "a.yaml", "outlet: Al-Monitor\nauthor: Ali Hashem\n")
    _write(tmp_path, "b.md", f"---\noutlet: The UNN\n---\n{OTHER}")
    _write(tmp_path, "b.yaml", "outlet: Not This\nkind: news roundup\n")
    _write(tmp_path, "sources.yaml", "a.txt: {outlet: Not This Either, kind: analysis}\nb.md: {author: Someone}\n")
    corpus = read_corpus(tmp_path)
    a, b = corpus.sources
    assert (a.outlet, a.author, a.kind) == ("Al-Monitor", "Ali Hashem", "analysis")
    assert (b.outlet, b.author, b.kind) == ("The UNN", "Someone", "news roundup")
    assert corpus.problems == ()


def test_broken_per_file_yaml_is_a_warning_and_the_article_is_still_read(tmp_path):
    _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, "a.yaml", "outlet: [unclosed\n")
    corpus = read_corpus(tmp_path)
    assert _only(corpus).outlet == "A"
    (problem,) = corpus.problems
    assert str(problem).startswith("a.yaml: ignored: not valid YAML (") and not problem.skipped


def test_bare_txt_headline_is_first_line_and_outlet_falls_back_to_file_name(tmp_path):
    _write(tmp_path, "story/004_the-unn.txt", f"\n\n  Escalating US Conflict With Iran: What’s Next?\n\n{PARAGRAPH}\n")
    corpus = read_corpus(tmp_path)
    source = _only(corpus)
    assert source.title == "Escalating US Conflict With Iran: What’s Next?"
    assert source.outlet == "The Unn"  # the file name, order number dropped
    assert (source.url, source.published, source.author) == (None, None, None)
    assert source.text[: source.body.start].rstrip().endswith("What’s Next?")
    assert source.text[source.body.start : source.body.end].strip() == PARAGRAPH


def test_story_field_overrides_the_folder_story(tmp_path):
    _write(tmp_path, "iran/a.txt", ARTICLE)
    _write(tmp_path, "iran/b.md", f"---\nstory: Other Event\n---\n{ARTICLE}")
    a, b = read_corpus(tmp_path).sources
    assert (a.story, b.story) == ("iran", "other-event")


def test_two_subfolders_are_two_stories_in_path_order(tmp_path):
    _write(tmp_path, "troy_office_shooting_2007/01_cnn.txt", ARTICLE)
    _write(tmp_path, "athens_bank_fire_2010/02_inquirer.txt", OTHER)
    _write(tmp_path, "athens_bank_fire_2010/01_thenational.txt", ARTICLE)
    sources = read_corpus(tmp_path).sources
    assert [(s.story, s.id) for s in sources] == [
        ("athens-bank-fire-2010", "athens-bank-fire-2010-01-thenational"),
        ("athens-bank-fire-2010", "athens-bank-fire-2010-02-inquirer"),
        ("troy-office-shooting-2007", "troy-office-shooting-2007-01-cnn"),
    ]


def test_files_that_are_not_articles_are_ignored(tmp_path):
    _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, ".hidden.txt", ARTICLE)
    _write(tmp_path, "notes.pdf", b"%PDF-1.4")
    _write(tmp_path, "gold.yaml", "facts: []\n")
    assert [s.path for s in read_corpus(tmp_path).sources] == ["a.txt"]


def test_body_spans_the_text_after_the_headline_and_furniture_lies_inside(tmp_path):
    text = f"{HEADLINE}\n\nUpdated 5/5/2010 1:41 PM\n{PARAGRAPH}\n\nLeave a Reply\n"
    _write(tmp_path, "a.txt", text)
    source = _only(read_corpus(tmp_path))
    assert source.text == text
    assert text[: source.body.start] == HEADLINE and source.body.end == len(text)
    assert [text[f.start : f.end] for f in source.furniture] == ["Updated 5/5/2010 1:41 PM", "Leave a Reply"]
    assert all(source.body.contains(f) for f in source.furniture)


def test_same_file_stem_twice_gets_distinct_ids(tmp_path):
    _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, "a.md", OTHER)
    ids = [s.id for s in read_corpus(tmp_path).sources]
    assert ids[0] == "a" and ids[1].startswith("a-") and len(set(ids)) == 2


def test_missing_folder_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        read_corpus(tmp_path / "nope")


def test_problem_messages_are_single_lines(tmp_path):
    _write(tmp_path, "bad.md", "---\nkey: 'unterminated\n  more: [\n---\nTitle\n\nBody text here.\n")
    _write(tmp_path, "sources.yaml", "- not\n- a mapping\n")
    _write(tmp_path, "empty.txt", b"")
    corpus = read_corpus(tmp_path)
    messages = _messages(corpus)
    assert len(messages) == 3
    assert all("\n" not in m for m in messages)
    assert sorted(m.split(": ", 1)[0] for m in messages) == ["bad.md", "empty.txt", "sources.yaml"]


@pytest.mark.parametrize(
    ("after_front_matter", "body_starts"),
    [
        # The title is in the front matter: the first line is the article's first paragraph.
        ("At least 16 people were killed when the ferry capsized.\n\nMore text.\n", "At least 16 people"),
        # A heading marked with '#', or the title repeated, is still the headline.
        ("# Ferry capsizes off the coast\n\nAt least 16 people were killed.\n", "At least 16 people"),
        ("Ferry capsizes off the coast!\n\nAt least 16 people were killed.\n", "At least 16 people"),
    ],
)
def test_markdown_with_a_title_in_front_matter_keeps_its_first_paragraph(tmp_path, after_front_matter, body_starts):
    _write(tmp_path, "news/ferry.md", f"---\ntitle: Ferry capsizes off the coast\n---\n{after_front_matter}")
    source = _only(read_corpus(tmp_path))
    assert source.title == "Ferry capsizes off the coast"
    assert source.text[source.body.start : source.body.end].strip().startswith(body_starts)
