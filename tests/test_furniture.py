"""Page furniture detection: noise lines go, article sentences (however short) stay."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.furniture import detect
from generator.ingest import read_corpus
from generator.model import Span

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _gold_clusters() -> list[tuple[Path, Path]]:
    found = [(SHARED / "gold" / "seeds.yaml", SHARED / "seeds")]
    found += [(gold, gold.parent) for gold in sorted((SHARED / "devset").glob("*/gold.yaml"))]
    return [(gold, folder) for gold, folder in found if gold.is_file()]


def _find(text: str, fragment: str) -> Span:
    """Span of `fragment` in `text`, matching runs of whitespace loosely (as the gold scorer does)."""
    folded, index, prev_space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace() and prev_space:
            continue
        prev_space = ch.isspace()
        folded.append(" " if prev_space else ch)
        index.append(i)
    frag = " ".join(fragment.split())
    at = "".join(folded).find(frag)
    assert at >= 0, fragment
    return Span(index[at], index[at + len(frag) - 1] + 1)


def _gold_fragments(gold: dict) -> list[tuple[str, str, str]]:
    frags = [("fact", sid, frag) for fact in gold["facts"] for sid, frag in fact["mentions"].items()]
    frags += [("single", item["source"], item["fragment"]) for item in gold.get("single") or []]
    frags += [("noise", item["source"], item["fragment"]) for item in gold.get("noise") or []]
    return frags


# Gold noise fragments that today's detector still misses, per cluster (measured with this test's own
# counting). Clusters not listed must miss none. Lower these as detection improves; never raise them.
KNOWN_MISSED_NOISE = {"dnc_russia_lawsuit_2018": 1, "queens_hit_and_run_2013": 1}
# Gold fact fragments that fall in furniture today (a real line of the article taken for furniture).
KNOWN_DROPPED_FACTS: dict[str, int] = {}


@pytest.mark.skipif(not _gold_clusters(), reason="shared gold files not present")
def test_gold_noise_is_furniture_and_gold_facts_are_not():
    """Noise fragments of every gold file lie inside furniture; no fact or single fragment touches it."""
    missed, dropped, noise = {}, {}, 0
    for gold_path, folder in _gold_clusters():
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        sources = {s.path: s for s in read_corpus(folder).sources}
        for kind, sid, fragment in _gold_fragments(gold):
            source = sources[gold["sources"][sid]]
            span = _find(source.text, fragment)
            if kind == "noise":
                noise += 1
                if not any(f.contains(span) for f in source.furniture):
                    missed[folder.name] = missed.get(folder.name, 0) + 1
            elif any(f.overlaps(span) for f in source.furniture):
                dropped[folder.name] = dropped.get(folder.name, 0) + 1
    assert noise >= 66
    for name in sorted(set(missed) | set(KNOWN_MISSED_NOISE)):
        assert missed.get(name, 0) <= KNOWN_MISSED_NOISE.get(name, 0), name
    for name in sorted(set(dropped) | set(KNOWN_DROPPED_FACTS)):
        assert dropped.get(name, 0) <= KNOWN_DROPPED_FACTS.get(name, 0), name


FURNITURE_LINES = [
    "Skip to main content",
    "Join over 50,000 readers who access our journalists dedicated newsletters, covering the top political, "
    "security, business and tech issues across the region each week.",
    "$25.00 / month",
    "Become Member Start with 1-week free trial",
    "Already a Member? Sign in",
    "Print Share Comment Cite Upload Translate Updates",
    "Share on facebook",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Welcome to our comments section. We want to hear from you!",
    "Radio Free | Radio Free - » After The Missile Attack, Is Iran Done With Its Retaliation?. [Internet]. "
    "[Accessed 2022-07-06T23:25:35+00:00]. Available from:",
    "Presidents Vladimir Putin of Russia, Hassan Rouhani of Iran and Tayyip Erdogan of Turkey attend a news "
    "conference following their talks in Ankara, Turkey September 16, 2019. Sputnik/Alexei Nikolsky/Kremlin via "
    "REUTERS ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY. - RC1179072220",
    "Prime Minister Benjamin Netanyahu of Israel, left, and Secretary of State Mike Pompeo on Sunday in Tel Aviv. "
    "The prime minister briefed Mr. Pompeo about the details of his presentation during the visit.",
    "POSTED: 1052 GMT (1852 HKT), April 10, 2007",
    "Updated 4/9/2007 6:04 PM",
    "Published: April 10, 2007",
    "on Apr 12 2007",
    "April 10, 2007-7:07AM",
    "PUBLISHED: 02:31 GMT, 12 March 2013 | UPDATED: 22:19 GMT, 12 March 2013",
    "Updated Thu 6 May 2010, 9:03am AEST",
    "March 14, 2013 | 8:16 am",
    "ON DEADLINE: Live updates and local coverage",
    "BIGGEST PROTEST",
    "Creating An ‘Unfavorable Atmosphere’",
    "Tell us in the comments.",
    "Did any Patch readers feel the earthquake, or perhaps wake up shortly after 2 a.m. because of it?",
    "As FoxNews.com reported:",
    "Jennifer Jacobs of Bloomberg News tweeted",
    "• Middle East Minute (AM)",
    "A major lawsuit from the Democratic National Committee, targeting the Russians, the Trump campaign and Wikileaks "
    "for conspiring to help the President win the 2016 election. Veuer's Nick Cardona has that story.",
]

PROSE_LINES = [
    "“The ball is now back in Trump’s court,” he added.",
    "Analysts say the next move in the affair lies with Washington.",
    "Ordinary workers are furious.",
    "This is the least we can do.",
    "\"It's tough.",
    'I want to get out," Adgate said by telephone.',
    "Two officers suffered minor injuries.",
    "Around 20 more people had to be ushered to safety.",
    "Trade unions say their members are having to pay for an economic crisis that has been created by corrupt "
    "politicians",
    "Two plainclothes NYPD officers shot and killed a 16-year-old Brooklyn resident after police say he pointed a "
    "gun at officers on Saturday",
    "A magnitude 4.6 earthquake struck Northern California on Thursday morning,",
    "WASHINGTON — The Trump administration on Tuesday embraced Israel's claims that Iran entered a nuclear deal "
    "with the world's major powers under false pretenses.",
    "The statue will be removed and its readers were told the newsletter had closed.",
    '"Have we forgotten December 2008 and become complacent?"',
]

FIRST = "Police said two women and one man died at a branch of the bank which caught fire after a window was broken."
LAST = "The draft bill of the new austerity measures is to be voted on Thursday by the parliament in Athens."


def _furniture_text(text: str) -> list[str]:
    return [text[s.start : s.end] for s in detect(text, Span(0, len(text)))]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_line_between_prose_is_found(line):
    text = f"{FIRST}\n{line}\n{LAST}\n"
    assert _furniture_text(text) == [line]


@pytest.mark.parametrize("line", PROSE_LINES)
def test_article_sentence_between_prose_is_kept(line):
    text = f"{FIRST}\n{line}\n{LAST}\n"
    assert _furniture_text(text) == []


def test_leading_author_and_tagline_are_furniture_but_summary_is_not():
    text = (
        "Observing the Caucasus, Iran and Middle East\n\n"
        "Iran aims to get us out of the Middle East following Soleimani’s Death\n\n"
        "Summary: Iran’s aim of driving US troops out of Iraq has come more clearly into focus.\n\n"
        f"{FIRST}\n"
    )
    assert _furniture_text(text) == [
        "Observing the Caucasus, Iran and Middle East",
        "Iran aims to get us out of the Middle East following Soleimani’s Death",
    ]


def test_tail_after_last_paragraph_is_furniture_even_a_biography():
    text = (
        f"{FIRST}\n\n{LAST}\n\n{FIRST}\n\n{LAST}\n\n"
        "About the Author\n"
        "A native of Azerbaijan, I write extensively on political developments in the Caucasus, Iran and the "
        "Middle East, including for the website.\n"
        "Related Topics\n"
    )
    found = _furniture_text(text)
    assert len(found) == 1 and found[0].startswith("About the Author") and found[0].endswith("Related Topics")


def test_offer_block_takes_the_weaker_lines_around_it():
    text = (
        f"{FIRST}\n\n{LAST}\n\n"
        "Join hundreds of Middle East professionals with Al-Monitor PRO.\n\n"
        "Business and policy professionals use PRO to monitor the regional economy and improve their reports, "
        "memos and presentations. Try it for free and cancel anytime.\n\n"
        "Trend Reports - Deep dive analysis on market updates.\n\n"
        "We also offer team plans. Please send an email to and we'll onboard your team.\n\n"
        "Already a Member? Sign in\n"
    )
    spans = detect(text, Span(0, len(text)))
    assert text[spans[0].start :].startswith("Join hundreds") and spans[-1].end == len(text) - 1


def test_mid_article_heading_does_not_cut_the_short_sentences_after_it():
    text = f'{FIRST}\nBLOW TO GOVERNMENT\nIt was the worst violence in years.\n"I agree with the strikes.\nHe left.\n'
    assert _furniture_text(text) == ["BLOW TO GOVERNMENT"]


def test_colon_before_a_quotation_names_the_speaker_and_stays():
    text = (
        f"{FIRST}\nThe prime minister told parliament:\n“A demonstration is one thing and murder is quite another.”\n"
    )
    assert _furniture_text(text) == []


def test_hard_wrapped_paragraph_is_one_unit():
    text = (
        f"{FIRST}\nThe general strike was the first major test of the government's resolve to push through\n"
        "the measures\nsince agreeing a bailout.\n"
    )
    assert _furniture_text(text) == []


def test_repeated_short_line_is_furniture():
    text = f"{FIRST}\nWhat's included:\nOur Expertise and more of it.\n{LAST}\nWhat's included:\n{FIRST}\n"
    assert _furniture_text(text)[-1] == "What's included:"


def test_spans_are_inside_body_sorted_disjoint_and_cover_whole_lines():
    text = (
        "Headline\n\nSkip to main content\n" + f"{FIRST}\nBIGGEST PROTEST\n{LAST}\n\nLeave a Reply\nShare on facebook\n"
    )
    body = Span(text.index("Skip"), len(text))
    spans = detect(text, body)
    assert spans and all(body.contains(s) for s in spans)
    assert all(a.end < b.start for a, b in zip(spans, spans[1:], strict=False))
    for s in spans:
        assert s.start == 0 or text[s.start - 1] == "\n"
        assert text[s.end : s.end + 1] in ("\n", "")
    assert [text[s.start : s.end] for s in spans] == [
        "Skip to main content",
        "BIGGEST PROTEST",
        "Leave a Reply\nShare on facebook",
    ]


def test_empty_body_has_no_furniture():
    assert detect("Headline\n", Span(9, 9)) == ()


# Share prices set inline after a company's name are furniture; the sentence around them, and figures
# written as prose (percentages from three clusters), are article text.
@pytest.mark.parametrize(
    ("line", "tickers"),
    [
        ("Advanced Micro Devices Inc., AMD +0.26% vowing to change the game in its longtime competition with Intel "
         "Corp., INTC +0.93% has forged a deal to buy a Silicon Valley start-up.", ["AMD +0.26%", "INTC +0.93%"]),
        ("The market for servers for such \"scale out data centers\" is expected to grow 33 percent a year.", []),
        ("Greek stocks closed down 3.9 percent and the euro fell.", []),
        ("Police said he had a blood alcohol content of .09 percent – above New York’s legal limit.", []),
        ("Shares of Intel fell 1.5% -- to $26.95 -- in afternoon trading.", []),
    ],
)  # fmt: skip
def test_inline_stock_tickers_are_furniture_and_prose_figures_are_not(line, tickers):
    assert _furniture_text(f"{FIRST}\n{line}\n{LAST}\n") == tickers


# A summary line under the headline is article text even without its full stop (queens, troy, geysers);
# taglines and titles there (capitalised words or ending) stay furniture (demo, queens).
@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("The woman was taken to Jamaica Hospital in traumatic arrest", False),
        ("Suspect had been fired last week by Troy, Mich., company", False),
        ("At a Richter magnitude of 4.6, this one should have awakened sleepers", False),
        ("Iran aims to get us out of the Middle East following Soleimani’s Death", True),
        ("Observing the Caucasus, Iran and Middle East", True),
        ("Driver Charged With DWI, Vehicular Manslaughter", True),
    ],
)
def test_standfirst_under_the_headline_is_kept_and_taglines_are_not(line, furniture):
    text = f"{line}\n\n{FIRST}\n{LAST}\n"
    assert _furniture_text(text) == ([line] if furniture else [])


# The first line of text: a verbless sentence is a photo caption (dnc); the first sentences of
# kimani, dnc and netanyahu articles are article text.
@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Tom Perez, the chairman of the Democratic Party, during the party's winter meeting in Atlanta last February.", True),  # noqa: E501
        ("First came the shooting: an armed teenager killed by police officers on a darkened Brooklyn street.", False),
        ("A candle light vigil turned violent Monday night in East Flatbush, Brooklyn.", False),
        ("The party alleged that top officials in Trump's campaign conspired with Russia to hurt Hillary Clinton.", False),  # noqa: E501
        ("Israel's prime minister says his government has obtained \"half a ton\" of secret Iranian documents.", False),  # noqa: E501
    ],
)  # fmt: skip
def test_verbless_first_line_is_a_caption(line, furniture):
    text = f"{line}\n{FIRST}\n{LAST}\n"
    assert _furniture_text(text) == ([line] if furniture else [])
