"""Find page furniture (newsletter boxes, share bars, comment forms, citation widgets, credits).

Articles arrive as saved pages: around the prose sit menus, time stamps, sub-headings,
subscription offers, share bars, comment forms and citation widgets. Facts must not be
drawn from them. Each line (a hard-wrapped paragraph counts as one unit) is scored from
general signals; units at or above `THRESHOLD` are furniture. Two positional rules add
the short title/tagline block before the first paragraph and the boilerplate tail after
the last one. Real sentences, however short, are kept: a unit that reads as a sentence
needs a strong signal to be dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from generator.model import Span

THRESHOLD = 1.0
SHORT_WORDS = 8  # a line this short without sentence punctuation is a heading, menu entry or button
LEAD_WORDS = 15  # longest unpunctuated line still taken for a title/tagline before the first paragraph
PROSE_WORDS = 8  # a plain sentence this long after a boilerplate block means the article goes on
CAPTION_WORDS = 6  # a verbless first line this long is a caption, not a heading

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.U)
_END = re.compile(r"[.!?…][\"'”’)\]]*\s*\Z")
_UNFINISHED = re.compile(r"[,;–—-]\s*\Z")
_OPEN_QUOTE = re.compile(r"\A[\"“‘']")
_BULLET = re.compile(r"\A\s*(?:[•·▪◦‣*]|[-–—](?=\s))")
_LABEL_DASH = re.compile(r"\A(?:[A-Z][\w&'’]*\s){0,3}[A-Z][\w&'’]*\s[-–—]\s")

_CALENDAR = re.compile(
    r"\A(?:(?:jan|febr)uary|march|april|may|june|july|august|(?:sept|oct|nov|dec)ember|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\Z",
    re.I,
)
_STAMP_LABEL = re.compile(r"\A(?:posted|updated|published|edited|first|last|modified|time|date|on|at|by)\Z", re.I)
_TIME = re.compile(
    r"\A(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ap]m)?|\d{1,2}[ap]m|\d{3,4}|[ap]m|[ap]\.m|[ap]\.m\.)\Z", re.I
)
_DATE_NUM = re.compile(r"\A(?:\d{1,4}(?:st|nd|rd|th)?|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}(?:[-–]\S+)?)\Z", re.I)
_ZONE = re.compile(r"\A(?:[A-Z]{1,4}T|UTC|GMT|Z)\Z")
_ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

# Vocabulary of the page around an article, by kind; each hit adds its weight.
_CALL_TO_ACTION = re.compile(
    r"\b(?:subscribe|subscription|sign (?:in|up)|log ?in|register now|create an account|free trial|try it for free|"
    r"cancel anytime|newsletters?|inbox|membership|become (?:a )?member|already a member|premium|"
    r"follow us|click here|read more|download (?:the|our) app|skip to (?:main )?content|advertisement|"
    r"please (?:send|contact|email|click|visit|note))\b",
    re.I,
)
_JOIN = re.compile(r"\A\W*join\b", re.I)
_PRICE = re.compile(
    r"(?:[$€£¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:USD|EUR|GBP))\s*(?:/|per|a)\s*(?:month|year|week|mo|yr)\b", re.I
)
_BILLING = re.compile(r"\b(?:billed|renews?) (?:annually|monthly|yearly)\b", re.I)
_SHARE_BAR = re.compile(
    r"\b(?:share|print|comment|cite|email|tweet|pin|save|facebook|twitter|whatsapp|linkedin)\b", re.I
)
_COMMENT_FORM = re.compile(
    r"\b(?:leave a (?:reply|comment)|email address will not be published|required fields|comments? section|"
    r"your comment|post a comment|comments? (?:are|is) (?:closed|moderated)|community guidelines)\b",
    re.I,
)
_CITATION = re.compile(
    r"\b(?:retrieved from|available from|\[accessed|accessed:?\s+\d|\[internet\]|\[online\]|viewed \d)", re.I
)
_READER_REQUEST = re.compile(r"\b(?:tell us|let us know|share your|in the comments|write to us)\b", re.I)
_READER_QUESTION = re.compile(r"\breaders\b[^\n]*\?\s*\Z", re.I)
_SITE_VOICE = (re.compile(r"\b(?:we|we'll|we’ll|our|us)\b", re.I), re.compile(r"\b(?:you|your)\b", re.I))
_PHOTO_CREDIT = re.compile(
    r"\b(?:via (?:[A-Z]{2,}|Getty)|ATTENTION EDITORS|getty images|photo(?:graph)? (?:by|credit)|"
    r"(?:photo|image|picture|credit)s?:|file photo)|\b[A-Z]{2,3}\d{7,}\b"
    r"|,\s(?:left|right|center|centre|second from (?:left|right))(?:,|\))"
)
_SECTION_HEADING = re.compile(
    r"\A\W*(?:about the author|related (?:posts|stories|articles|topics|content|coverage)|more related stories|"
    r"more from|latest posts|recommended|you may also like|leave a (?:reply|comment)|comments|"
    r"share this(?: article| story)?|read next|most popular|trending)\W*\Z",
    re.I,
)
# A share price quoted inline after a company's name ("Intel Corp., INTC +0.93% has ..."): symbol, sign, change.
_TICKER = re.compile(r"(?<![\w$])[A-Z]{1,5}(?:\.[A-Z]{1,2})?\s[+\-−–]\d+(?:\.\d+)?%")
# A broadcast credit under a video or audio clip ("Veuer's Nick Cardona has that story.").
_CLIP_CREDIT = re.compile(
    r"\b(?:has|have|brings?|with) (?:that|the|this|more on (?:that|the|this)) (?:story|report)\.?\s*\Z"
)
_EMBED_LEAD = re.compile(r"(?::|\b(?:tweeted|posted|reported|wrote|writes|reports|tweets))\s*\Z", re.I)


@dataclass(frozen=True)
class Unit:
    """One line of the body, or a hard-wrapped paragraph joined from several lines."""

    span: Span
    text: str

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)

    @property
    def sentence(self) -> bool:
        """Ends like a sentence (full stop, question or exclamation mark, maybe a closing quote)."""
        return bool(_END.search(self.text))

    @property
    def unfinished(self) -> bool:
        """Ends on a comma or dash: a sentence broken off, not a heading."""
        return bool(_UNFINISHED.search(self.text))


@dataclass(frozen=True)
class PageFurniture:
    """What an article's page carries around its prose, and the day its time stamps print."""

    spans: tuple[Span, ...]
    stamped: date | None


def read(text: str, body: Span) -> PageFurniture:
    """The page furniture of an article and, read from it, the day of its earliest time stamp (its publication)."""
    return read_all([(text, body)])[0]


def read_all(pages: Sequence[tuple[str, Span]]) -> list[PageFurniture]:
    """`read` for several articles (text and body span each): one task of a build's workers."""
    from generator.extract.dates import stamp_days  # dateparser and spaCy load only where no cache answers

    out = []
    for (text, _), spans in zip(pages, detect_all(pages), strict=True):
        stamps = (day for s in spans for day in stamp_days(text[s.start : s.end]))
        out.append(PageFurniture(spans, min(stamps, default=None)))
    return out


def detect(text: str, body: Span) -> tuple[Span, ...]:
    """Spans of `text` inside `body` that are page furniture, in order, not overlapping."""
    return detect_all([(text, body)])[0]


def detect_all(pages: Sequence[tuple[str, Span]]) -> list[tuple[Span, ...]]:
    """`detect` for several articles, the tagger reading their caption candidates in one batch."""
    drafts = [_Draft.of(text, body) for text, body in pages]
    candidates = [draft for draft in drafts if draft.caption is not None]
    for draft, verbless in zip(candidates, _verbless([d.units[d.caption].text for d in candidates]), strict=True):
        if verbless:
            draft.flagged[draft.caption] = True
    return [draft.spans() for draft in drafts]


@dataclass
class _Draft:
    """One article's units and which are furniture, before the tagger has judged its caption candidate."""

    text: str
    units: list[Unit]
    flagged: list[bool]
    caption: int | None

    @classmethod
    def of(cls, text: str, body: Span) -> _Draft:
        units = _units(text, body)
        scores = _scores(units)
        flagged = [score >= THRESHOLD and not _introduces_quote(units, i) for i, score in enumerate(scores)]
        for i in _leading_block(units, flagged) + _tail(units, scores, flagged, body):
            flagged[i] = True
        return cls(text, units, flagged, _caption_candidate(units, flagged))

    def spans(self) -> tuple[Span, ...]:
        marked = list(zip(self.units, self.flagged, strict=True))
        whole = [unit.span for unit, hit in marked if hit]
        inline = [s for unit, hit in marked if not hit for s in _inline(self.text, unit)]
        return _merge(sorted(whole + inline, key=lambda s: (s.start, s.end)))


def _inline(text: str, unit: Unit) -> list[Span]:
    """Furniture inside a line of prose: stock tickers set after a company's name."""
    return [Span(m.start(), m.end()) for m in _TICKER.finditer(text, unit.span.start, unit.span.end)]


def _units(text: str, body: Span) -> list[Unit]:
    """Non-blank lines of the body; a line that starts in lower case continues an unfinished one above it."""
    units: list[Unit] = []
    prev_blank = True
    for match in re.finditer(r"^[^\n]*$", text[body.start : body.end], re.M):
        line = match.group()
        if not line.strip():
            prev_blank = True
            continue
        lead = len(line) - len(line.lstrip())
        span = Span(body.start + match.start() + lead, body.start + match.start() + len(line.rstrip()))
        clean = text[span.start : span.end]
        if units and not prev_blank and not units[-1].sentence and clean[:1].islower():
            last = units[-1]
            units[-1] = Unit(Span(last.span.start, span.end), text[last.span.start : span.end])
        else:
            units.append(Unit(span, clean))
        prev_blank = False
    return units


def _scores(units: list[Unit]) -> list[float]:
    """Score each unit; a line repeated from earlier on the page is boilerplate too."""
    seen: set[str] = set()
    scores = []
    for unit in units:
        key = " ".join(w.lower() for w in unit.words)
        score = score_unit(unit)
        if key in seen and len(unit.words) <= 12:
            score += 1.0
        seen.add(key)
        scores.append(score)
    return scores


def score_unit(unit: Unit) -> float:
    """Evidence that one unit is furniture rather than article prose (>= THRESHOLD: furniture)."""
    return _shape_score(unit) + _boilerplate_score(unit.text) + _timestamp_score(unit.words)


def _shape_score(unit: Unit) -> float:
    """Headings, buttons and menu entries: short, unpunctuated, capitalised, bulleted."""
    words = unit.words
    if not words:
        return THRESHOLD  # only symbols ("-+=", "|", "***")
    score = 0.0
    if not unit.sentence and not unit.unfinished:
        score += 1.0 if len(words) <= SHORT_WORDS else 0.0
        if _EMBED_LEAD.search(unit.text) and len(words) <= SHORT_WORDS + 2:
            score += 1.0  # "X tweeted", "As Y reported:": the embedded item itself is missing
    alpha = [w for w in words if w[0].isalpha()]
    if alpha and len(alpha) >= 2:
        upper = sum(w.isupper() for w in alpha) / len(alpha)
        capital = sum(w[0].isupper() for w in alpha) / len(alpha)
        if upper >= 0.8:
            score += 1.0
        elif capital >= 0.75 and not unit.sentence:
            score += 0.5
    if _BULLET.match(unit.text) and len(words) <= SHORT_WORDS:
        score += 0.5 if unit.sentence else 1.0
    if _LABEL_DASH.match(unit.text) and len(words) <= 15:
        score += 0.5  # "Trend Reports - Deep dive analysis": a feature list, not a sentence
    if _OPEN_QUOTE.match(unit.text) and unit.sentence:
        score -= 1.0  # a quotation, however short, is article text
    return score


def _boilerplate_score(text: str) -> float:
    """Vocabulary of subscription offers, share bars, comment forms, citation widgets and credits."""
    score = 0.6 * len(_CALL_TO_ACTION.findall(text))
    score += 0.6 if _JOIN.search(text) else 0.0
    score += 1.5 * bool(_PRICE.search(text) or _BILLING.search(text))
    share_words = len(_SHARE_BAR.findall(text))
    if share_words >= 2 and share_words * 2 >= len(_WORD.findall(text)):
        score += 1.5  # "Print Share Comment Cite", "Share on facebook"
    score += 1.0 * len(_COMMENT_FORM.findall(text))
    score += 1.5 * bool(_CITATION.search(text) or _ISO_STAMP.search(text))
    if not _OPEN_QUOTE.match(text):
        score += 0.6 * len(_READER_REQUEST.findall(text)) + 1.0 * bool(_READER_QUESTION.search(text))
        score += 0.5 * all(pattern.search(text) for pattern in _SITE_VOICE)  # the site talking to its readers
    score += 1.5 * bool(_PHOTO_CREDIT.search(text) or _CLIP_CREDIT.search(text))
    score += 1.0 * bool(_SECTION_HEADING.match(text))
    return score


def _timestamp_score(words: list[str]) -> float:
    """A dateline or "Updated ..." stamp: every word is a date, time, zone or stamp label."""
    if not words:
        return 0.0
    datey = 0
    for word in words:
        if any(p.match(word.rstrip(".")) for p in (_CALENDAR, _TIME, _DATE_NUM)) or _ZONE.match(word):
            datey += 1
        elif not _STAMP_LABEL.match(word):
            return 0.0
    return 1.5 if datey >= 2 else 0.0


def _introduces_quote(units: list[Unit], i: int) -> bool:
    """ "He added:" above a quotation is article text (it names the speaker), unlike an embed lead-in."""
    nxt = units[i + 1].text if i + 1 < len(units) else ""
    text = units[i].text.rstrip()
    return text.endswith(":") and bool(_OPEN_QUOTE.match(nxt)) and not _boilerplate_score(text)


def _leading_block(units: list[Unit], flagged: list[bool]) -> list[int]:
    """Author names, taglines and repeated titles: unpunctuated short lines before the first paragraph."""
    out = []
    for i, unit in enumerate(units):
        if flagged[i]:
            continue
        if unit.sentence or unit.unfinished or len(unit.words) > LEAD_WORDS or _standfirst(unit):
            break
        out.append(i)
    return out


def _caption_candidate(units: list[Unit], flagged: list[bool]) -> int | None:
    """A photo caption set above the story is its first line of text, a full sentence without any verb
    ("Tom Perez, the chairman of the party, during the party's winter meeting in Atlanta last February.").
    A standfirst keeps its participle ("Three killed in bank fire."), so it stays. The line that may be one."""
    first = next((i for i, hit in enumerate(flagged) if not hit), None)
    if first is None or not units[first].sentence or len(units[first].words) < CAPTION_WORDS:
        return None
    return first


def _verbless(lines: list[str]) -> list[bool]:
    """Whether each line lacks a verb, by the tagger: only a verb tells a caption from a sentence."""
    if not lines:
        return []
    from generator import nlp

    # the lemmatizer and the entity recognizer run after the tags are set and never change them
    tagged = nlp.pipeline().pipe(lines, disable=["lemmatizer", "ner"])
    return [not any(t.pos_ in ("VERB", "AUX") for t in doc) for doc in tagged]


def _standfirst(unit: Unit) -> bool:
    """A summary line under the headline written as a sentence without its full stop
    ("The woman was taken to hospital in traumatic arrest"): sentence case, longer than a
    heading, ending on a lower-case word. A title or tagline capitalises its words or its end."""
    words = unit.words
    if len(words) <= SHORT_WORDS or not words[-1][0].islower():
        return False
    return sum(w[0].isupper() for w in words[1:]) * 3 <= len(words) - 1


def _tail(units: list[Unit], scores: list[float], flagged: list[bool], body: Span) -> list[int]:
    """Boilerplate after the article: from the first page-furniture block that no long sentence follows.

    The block must open with page vocabulary (offer, share bar, comment form, section heading such as
    "About the Author"), not a mere sub-heading, so that a heading in a list of short sentences never
    cuts the article. A section heading in the last part of the page cuts even if a paragraph follows
    (an author's biography).
    """
    cut = None
    for i in range(len(units) - 1, -1, -1):
        unit = units[i]
        if _is_prose(unit, scores[i]):
            break
        boilerplate = _boilerplate_score(unit.text)
        if (flagged[i] and boilerplate >= THRESHOLD) or (cut == i + 1 and boilerplate > 0):
            cut = i  # a weaker line right above the block ("Join us") goes with it
    late = body.start + (body.end - body.start) * 6 // 10
    for i, unit in enumerate(units):
        if unit.span.start >= late and _SECTION_HEADING.match(unit.text) and (cut is None or i < cut):
            cut = i
            break
    return list(range(cut, len(units))) if cut is not None else []


def _is_prose(unit: Unit, score: float) -> bool:
    return unit.sentence and len(unit.words) >= PROSE_WORDS and score < 0.5


def _merge(spans) -> tuple[Span, ...]:
    """Join spans that touch or are separated only by line breaks, so a block reads as one region."""
    out: list[Span] = []
    for span in spans:
        if out and span.start <= out[-1].end + 1:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return tuple(out)
