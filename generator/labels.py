"""Fact labels a reader takes in at a glance, written from a fact's structured parts, never from its key.

A number's parts are the typed fields of its `Quantity`: what is counted (a class such as "people" or the
counted noun's lemma), the event that befell it (one of the extractor's event participles) and a context
(a place, an earlier time, a part of a group, a sum converted from another). A date's key is its event: an
event class ("attack") or the lemma of the word the date modifies. Each part becomes words here, in one
place; the words of the article (a noun's plural, a place's capitals, a verb's tense) are taken from the
mentions' own sentences, so no part is shown as a lemma or in lower case when the text says it otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from generator.model import Mention, Quantity, Source
from generator.stopwords import STOP_WORDS
from generator.units import DIMENSIONS, LOST_CURRENCY

# Event participles (generator.extract.numbers.EVENTS) as a reader says them after the counted thing.
# Projectiles do what "struck" names; anything else counted under it was hit.
_EVENT_WORDS = {"struck": "hit", "gathered": "who gathered"}
_PROJECTILES = {"shots", "missiles", "shells"}
_PERSON_EVENTS = {"gathered"}
_CURRENCY_WORDS = {"USD": "US dollars", "EUR": "euros", "GBP": "pounds"}
_MEASURES = set(DIMENSIONS.values()) - {"money", "percent"}  # what a unit measures: "speed", "distance", ...
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


_PRISON_TERMS = {
    "imposed": "Prison term imposed",
    "sought": "Prison term sought",
    "possible": "Longest prison term possible",
}


def number_label(ms: Sequence[Mention], sources: Mapping[str, Source], value: str = "") -> str:
    """'People injured', 'Shots that hit', 'Percentage for stocks', 'Age of Jane Doe', 'Sum in euros (110 billion)'.

    `value` is the written figure that tells one of several facts of one key apart from the others.
    """
    q = ms[0].quantity or Quantity(None, None)
    sentences = [_sentence(m, sources) for m in ms]
    if q.counted == "age":
        return _age_label(q, sentences)
    if q.counted == "money" and (q.unit in _CURRENCY_WORDS or q.unit == LOST_CURRENCY):
        currency = _CURRENCY_WORDS.get(q.unit, "a currency whose sign is lost in the text")
        if q.converts:
            return f"{q.converts.capitalize()} converted into {currency}"
        return _with_value(f"Sum in {currency}", value)
    if q.counted == "magnitude":
        return "Magnitude" + (f" of the {q.subject}" if q.subject else "")
    if q.counted == "prison term":
        which = _PRISON_TERMS.get(q.subject, f"Prison term ({q.subject})" if q.subject else "Prison term")
        return _with_value(which, value)
    if q.counted == "caliber" and q.subject:
        return q.subject.capitalize()
    what = q.subject or q.event or q.setting  # what a measure is of: the first of its parts that is said
    if q.counted == "money":  # a currency named by its code alone
        what = f"converted from {q.converts}" if q.converts else q.subject or q.setting
        setting = q.setting if q.subject and not q.converts else ""
        return _with_value(_capital(_count(q.unit or "", what, ms, sentences, setting=setting)), value)
    if q.counted == "percent":
        what = _noun_as_written(what, sentences) if what and what not in STOP_WORDS else ""
        return _with_value(f"Percentage for {what}" if what else "Percentage", value)
    if q.counted in _MEASURES:
        return _with_value(_capital(_measure(q.counted, what, sentences)), value)
    if q.counted == "year" and q.subject:
        return _with_value(_capital(_count("year", q.subject, ms, sentences)), value)
    return _with_value(_capital(_count(q.counted, q.event, ms, sentences, q.part, q.setting)), value)


def date_label(event: str, topic: str, ms: Sequence[Mention], sources: Mapping[str, Source], classes: set[str]) -> str:
    """'Date of the attack (Iraq)'; a date on a plain verb names it as the articles write it: 'Date: appeared'."""
    about = f" ({topic})" if topic else ""
    if not event:
        return "Date, event not named" + about
    if event in classes:
        return f"Date of the {event}{about}"
    written = _inflected(event, [_sentence(m, sources) for m in ms])
    return f"Date: {written}{about}"


def quote_label(speaker: str, quote: str, words: int = 8) -> str:
    """'Jane Doe: “We will rebuild…”': the quote's first words, with an ellipsis only where it was cut."""
    all_words = quote.split()
    head = " ".join(all_words[:words])
    if len(all_words) > words:
        head = head.rstrip(".,;:!?—–-") + "…"
    return f"{speaker}: “{head}”" if speaker else f"“{head}”"


def _count(
    head: str, event: str, ms: Sequence[Mention], sentences: list[str], part: bool = False, setting: str = ""
) -> str:
    noun = _noun_as_written(head, [m.text for m in ms]) if head else ""
    if event == "earlier":  # ("arrests", "earlier"): a record, said before the noun
        phrase = f"earlier {noun}"
    elif not noun:
        phrase = f"number {_EVENT_WORDS.get(event, event)}" if event else "number"
    elif not event:
        phrase = noun
    elif event == "struck" and head in _PROJECTILES:
        phrase = f"{noun} that hit"
    elif event in _PERSON_EVENTS and noun.lower() in ("people", "police", "troops"):
        phrase = f"{noun} {_EVENT_WORDS[event]}"
    elif event in _PERSON_EVENTS:
        phrase = noun  # "two demonstrations": the noun names the gathering
    else:
        phrase = f"{noun} {_EVENT_WORDS.get(event, event)}"
    if part:
        phrase += ", part of a group"
    return phrase + (_context(setting, sentences) if setting else "")


def _measure(head: str, what: str, sentences: list[str]) -> str:
    """'Depth', 'Speed of the chase', 'Area of the building', 'Distance from San Angelo (Eldorado)'.

    A distance's key names the places it links ("x from y"); a first word the text does not capitalise
    ("began 10 miles from Cobb") is no place and is left out.
    """
    if not what or what == head:
        return head
    if what.startswith("from ") or " from " in what:
        origin, _, place = what.rpartition("from ")
        origin = _written(origin.strip(), sentences) if origin.strip() else ""
        return f"{head} from {_written(place, sentences)}" + (f" ({origin})" if origin[:1].isupper() else "")
    if what == "depth":
        return what
    return f"{head} of the {_written(what, sentences)}"


def _age_label(q: Quantity, sentences: list[str]) -> str:
    """'Age of Jane Doe'; an unnamed person is named by the noun the outlet uses ('Age of a girl')."""
    if q.person:
        return f"Age of {q.person}"
    if q.role:
        return f"Age of a {_written(q.role, sentences).lower()}"
    return "Age of an unnamed person"


def _context(setting: str, sentences: list[str]) -> str:
    """A count's setting as words: a place ('in Los Angeles'), else an earlier time."""
    written = _written(setting, sentences)
    if written[:1].isupper() and not written.lower().startswith(("since", "over", "so far", "to date", "in all")):
        return f" in {written}"
    return f" ({written})"


def _noun_as_written(lemma: str, texts: list[str]) -> str:
    """A noun lemma as the outlets write it, plural where any writes it so ('architect' -> 'architects')."""
    stem = lemma[:-1] if len(lemma) > 3 and lemma[-1] in "ey" else lemma
    forms = sorted(
        {
            w.lower()
            for text in texts
            for w in _WORD.findall(text)
            if w.lower().startswith(stem) and len(w) <= len(lemma) + 3 and not w.lower().endswith(("'s", "’s"))
        },
        key=lambda w: (not w.endswith("s"), -len(w), w),
    )
    return forms[0] if forms else lemma


def _written(words: str, sentences: list[str]) -> str:
    """Lower-cased key words as the first sentence that holds them writes them ('los angeles' -> 'Los Angeles')."""
    pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words.split()) + r"\b", re.I)
    for sentence in sentences:
        if found := pattern.search(sentence):
            return " ".join(found.group(0).split())
    return words


def _inflected(lemma: str, sentences: list[str]) -> str:
    """A verb lemma in the form a sentence uses ('appear' -> 'appeared'), else the lemma itself."""
    stem = lemma[:-1] if len(lemma) > 3 and lemma[-1] in "ey" else lemma
    for sentence in sentences:
        for word in _WORD.findall(sentence):
            if word.lower().startswith(stem) and len(word) <= len(lemma) + 3 and word.lower() != stem:
                return word.lower()
    return lemma


def _sentence(m: Mention, sources: Mapping[str, Source]) -> str:
    source = sources.get(m.source)
    return source.text[m.sentence.start : m.sentence.end] if source is not None else m.text


def _with_value(label: str, value: str) -> str:
    return f"{label} ({value})" if value else label


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
