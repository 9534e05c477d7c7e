"""What a claim states, as parse evidence the claim aligner compares: who did what to whom, when, with what.

Two sentences with the same verb are one fact only when they are about the same happening: the same
participants (the teen who noticed the officers is not the officers who noticed him), the same day (Monday
night's arrest is not Wednesday night's), and then their attributes can be compared (a silver car vs a grey
one, four arrests vs three, life in prison vs 119 years). Everything here is read off spaCy's dependency
parse and morphology; colours are CSS colour names (webcolors), dates are placed by the dates extractor.

A frame is a `ClaimFrame` (generator.model): the agent, patient or subject of the head predicate and of every
other stated predicate (`Role`, each a `Participant`), numbers counting a noun (`Count`: "11 shots"; the count
of the event's undergoer is keyed by the event, "46 people were arrested" counts "arrest"), the head
predicate's object and prepositional objects (`Measure`: "sentenced to up to 119 years"), colour words, whether
a modal verb makes it a possibility, and the days its clause names (`Day`). claims.py adds the concepts of the
stated predicates (`heads`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

import webcolors

from generator.entities import fold
from generator.extract import dates
from generator.extract.base import ArticleDoc, entity_at
from generator.model import ClaimFrame, Count, Day, Measure, Participant, Place, Role
from generator.units import UNITS, parse_number

# Amounts in a unit the units table names with its canonical unit as written (factor 1: "per cent", "percent",
# "%", "euros", "km"): a figure compared across outlets whatever the parse made of the unit ("plunged 5.4 per
# cent" hangs the number on the verb). Units that need converting keep their noun: "45 miles" is not compared
# with "72 km" at a precision neither states.
_SAME_UNIT = {written: canonical for written, (canonical, factor) in UNITS.items() if factor == 1}
_AMOUNT = re.compile(
    r"(?<![\w.])(\d[\d,]*(?:\.\d+)?|\.\d+)(\s*(?:million|billion|trillion))?\s*-?\s*("
    + "|".join(sorted((re.escape(u).replace(r"\ ", r"\s+") for u in _SAME_UNIT), key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)

_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT"}
_COLOURS = frozenset(webcolors.names("css3"))


def frame(
    article: ArticleDoc, part, head, concept: str, concept_of: Callable[[str], str], skip: set[int]
) -> ClaimFrame:
    """The frame of one clause (`part`, a spaCy span) whose head predicate is `head`: its concept
    is `concept` (what the aligner's `key` holds), `concept_of` folds a lemma to its concept the same way.

    `skip` holds token indices that are background, not what the clause states (a relative clause set off
    by commas): their participants, numbers and dates belong to another happening.
    """
    inside = {t.i for t in part if t.i not in skip}
    roles: set[Role] = set()
    counts: set[Count] = set()
    measures: set[Measure] = set()
    places: set[Place] = set()
    modal = False
    counted: set[int] = set()
    if head is not None and head.i in inside:
        arguments = _arguments(head, inside)
        for slot, token in arguments.items():
            who = _reference(token)
            if who:
                roles.add(Role(slot, who))
        undergoer = arguments.get("patient", arguments.get("subject"))
        if undergoer is not None and any(c.dep_ == "conj" for c in undergoer.children):
            undergoer = None  # "two women and one man died": the count is neither conjunct's
        if undergoer is not None and concept:  # "46 people were arrested" / "46 arrests": the count of the event
            for value, words in _counts(undergoer):
                counts.add(Count(concept, value, words))
                counted.add(undergoer.i)
        measures.update(_measures(head, skip))
        places.update(_places(head, skip))
        # "could be sentenced to 119 years" is not "was sentenced to life"
        modal = any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for c in head.children)
    tokens = [t for t in part if t.i in inside]
    amounts = list(_amounts(part, inside))
    counts.update(amount for amount, _ in amounts)
    in_unit = {i for _, covered in amounts for i in covered}
    counts.update(_numbers([t for t in tokens if t.head.i not in counted | in_unit], concept, concept_of))
    return ClaimFrame(
        roles=tuple(sorted(roles)),
        counts=tuple(sorted(counts)),
        measures=tuple(sorted(measures, key=Measure.sort_key)),
        places=tuple(sorted(places)),
        colours=tuple(sorted(set(_colours(tokens)))),
        modal=modal,
        days=_times(article, part, skip),
    )


def participants(part, stated: list, skip: set[int]) -> set[Role]:
    """The participants of each stated predicate, under its concept, so that two claims sharing "Doe fathered a
    child" compare that clause's subject, not the main clause's ("Prosecutors used DNA evidence to show Doe
    fathered a child")."""
    inside = {t.i for t in part if t.i not in skip}
    out: set[Role] = set()
    for verb, concepts in stated:
        if verb is None or verb.i not in inside:
            continue
        for slot, token in _arguments(verb, inside).items():
            who = _reference(token)
            if who:
                out.update(Role(slot, who, c) for c in concepts)
    return out


def _arguments(head, inside: set[int]) -> dict:
    """Agent and patient of the head predicate inside the clause: the active subject or the passive's "by"
    phrase, and the direct object or the passive subject. A verb without a subject of its own ("began to
    adjust") takes the subject of the verb it complements."""

    def child(verb, *deps):
        return next((c for c in verb.children if c.dep_ in deps and c.i in inside), None)

    subject, passive = child(head, "nsubj"), child(head, "nsubjpass")
    climb = head
    while subject is None and passive is None and climb.dep_ == "xcomp" and climb.head.i in inside:
        climb = climb.head
        subject, passive = child(climb, "nsubj"), child(climb, "nsubjpass")
    by = child(head, "agent")
    by = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    obj = child(head, "dobj")
    if subject is not None and obj is None and by is None:  # "two women died" / "a bomb killed two women"
        return {"subject": subject}  # an intransitive subject may be the doer or the one it happened to
    found = {"agent": subject or by, "patient": passive or obj}
    return {slot: token for slot, token in found.items() if token is not None}


def _counts(noun) -> list[tuple[Decimal, str]]:
    found = ((c, _value(c.text)) for c in noun.children if c.dep_ == "nummod")
    return [(v, _stating(c, noun)) for c, v in found if v is not None]


def _stating(number, noun) -> str:
    """The words that state a count: the aligner compares its value and quotes these."""
    first, last = sorted((number.i, noun.i))
    return number.doc[first : last + 1].text


def _reference(token) -> Participant | None:
    """A participant as the aligner compares it: a name (folded) or a noun lemma, with its grammatical
    number; None for pronouns and numbers, which name nobody until resolved."""
    if token.pos_ == "PRON":  # "he" names nobody yet, but one person: not "the cops"
        personal = "Prs" in token.morph.get("PronType") and "3" in token.morph.get("Person")
        number = {"Sing": "sing", "Plur": "plur"}.get(next(iter(token.morph.get("Number")), ""), "")
        return Participant("pron", token.lower_, number) if personal and number else None
    if token.pos_ in ("DET", "NUM", "SYM", "X") or not any(ch.isalpha() for ch in token.text):  # "U.S." is one
        return None
    number = _number(token)
    ent = entity_at(token)
    ent = ent if ent is not None and ent.label_ in _NAME_LABELS else None
    title_noun = token.is_title and token.i > token.sent.start  # "Reynolds" mid-sentence, parsed as a plural noun
    if ent is not None or token.pos_ == "PROPN" or title_noun:  # a name's morphology says nothing
        name = " ".join((ent.text if ent is not None else token.text).split()).removeprefix("the ")  # as written:
        name = name.removeprefix("The ")  # the aligner folds it and still sees acronyms ("U.S." / "United States")
        plural = any(c.dep_ == "conj" for c in token.children)  # "Smith and Jones"
        person = token.ent_type_ == "PERSON"
        number = "plur" if plural else "sing" if person else "?"
        return Participant("person" if person else "name", name, number) if name else None
    if token.is_title:  # sentence-initial "Reynolds was sentenced": a name or a noun, its number unknown
        number = "?"
    return Participant("noun", token.lemma_.lower(), number)


def _number(token) -> str:
    """Plural when coordinated ("two women and a man", also when the parse hangs both conjuncts on the verb:
    "a shotgun and three shells were found") or counted above one; else what the morphology says."""
    coordinated = any(c.dep_ == "conj" for c in token.children)
    if coordinated or sum(c.dep_ == token.dep_ for c in token.head.children) > 1:
        return "plur"
    counts = [_value(c.text) for c in token.children if c.dep_ == "nummod"]
    if any(v is not None for v in counts):
        return "plur" if any(v is not None and v > 1 for v in counts) else "sing"
    found = token.morph.get("Number")
    return {"Sing": "sing", "Plur": "plur"}.get(found[0], "?") if found else "?"


def _numbers(tokens: list, concept: str, concept_of: Callable[[str], str]) -> Iterable[Count]:
    """Numbers that count or measure a noun ("11 shots", "four times"), not ages ("16-year-old"); a count of
    the event itself ("there were 46 arrests") is keyed by the event's concept."""
    for tok in tokens:
        if tok.dep_ != "nummod" or tok.head.pos_ not in ("NOUN", "PROPN"):
            continue
        noun = tok.head
        if noun.head.lemma_.lower() == "old" or noun.ent_type_ in ("DATE", "TIME"):
            continue  # an age describes a person; a date is compared as a time
        value = _value(tok.text)
        if value is not None:
            lemma = noun.lemma_.lower()
            counted = concept if concept and concept_of(lemma) == concept else lemma
            yield Count(counted, value, _stating(tok, noun), _amount_of(noun))


def _amount_of(noun) -> str:
    """The noun a count is the amount of: "a depth of 1.2 miles" -> depth, "a crowd of 20,000 people" -> crowd."""
    of = noun.head
    if noun.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ == "NOUN":
        return of.head.lemma_.lower()
    return ""


def _amounts(part, inside: set[int]) -> Iterable[tuple[Count, set[int]]]:
    """Figures in a unit of the units table ("5.4 per cent", "3.9 percent", ".09 percent", "30 billion euros"),
    each keyed by its canonical unit, with the tokens it covers (their nummod is not counted again)."""
    doc, offset = part.doc, part.start_char
    for found in _AMOUNT.finditer(part.text):
        span = doc.char_span(offset + found.start(), offset + found.end(), alignment_mode="expand")
        if span is None or any(t.i not in inside for t in span):
            continue
        value = _value(found.group(1) + (found.group(2) or ""))
        unit = _SAME_UNIT.get(" ".join(found.group(3).lower().split()))
        if value is not None and unit is not None:
            yield Count(unit, value, " ".join(found.group(0).split())), {t.i for t in span}


def _measures(head, skip: set[int]) -> Iterable[Measure]:
    """What the head predicate's direct object and prepositional objects are, with a number if they carry
    one: "sentenced to life in prison" -> to: life, "to up to 119 years" -> to: year, 119."""
    for child in head.children:
        if child.i in skip:
            continue
        if child.dep_ == "dobj":
            yield from _measure("obj", child)
        elif child.dep_ == "prep":
            found = _prepositional(child)
            if found is not None:
                yield from _measure(*found)


def _prepositional(prep) -> tuple[str, object] | None:
    """A preposition's slot and object: "up to life" -> ("to", life), the innermost preposition naming it."""
    inner = prep
    while True:
        nested = next((c for c in inner.children if c.dep_ == "prep"), None)
        obj = next((c for c in inner.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return inner.lower_, obj
        if nested is None:
            return None
        inner = nested


def _places(head, skip: set[int]) -> Iterable[Place]:
    """Named places the head predicate's prepositional objects are: a proper noun with the proper nouns or
    numbers before it that say which one ("at Mount Sinai Hospital", "on 117th Street"); the aligner tells two
    places of one kind apart by those names."""
    for child in head.children:
        found = _prepositional(child) if child.dep_ == "prep" and child.i not in skip else None
        if found is None:
            continue
        slot, obj = found
        names = [c for c in obj.lefts if c.dep_ in ("compound", "nummod", "amod") and c.pos_ in ("PROPN", "NUM")]
        if obj.pos_ != "PROPN" or not names or any(c.i in skip for c in names):
            continue
        words = obj.doc[names[0].i : obj.i + 1].text
        yield Place(slot, obj.lemma_.lower(), tuple(sorted({fold(c.text) for c in names})), words)


def _measure(slot: str, noun) -> Iterable[Measure]:
    if noun.pos_ != "NOUN" or noun.ent_type_ in ("TIME",):
        return
    values = [_value(c.text) for c in noun.children if c.dep_ == "nummod"]
    value = next((v for v in values if v is not None), None)
    yield Measure(slot, noun.lemma_.lower(), value, noun.doc[noun.left_edge.i : noun.i + 1].text)


def _colours(tokens: list) -> Iterable[str]:
    """Colour words of the clause (CSS colour names; the aligner folds "grey"/"gray" by their colour value)."""
    for tok in tokens:
        if tok.lower_ in _COLOURS and tok.pos_ in ("ADJ", "NOUN") and tok.ent_type_ not in _NAME_LABELS:  # not "Gray"
            yield tok.lower_


def _times(article: ArticleDoc, part, skip: set[int]) -> tuple[Day, ...]:
    """The days (or weekdays) the clause names, placed on the calendar against the article's date; a clause
    naming none inherits the nearest one before it in its paragraph ("a protest on Wednesday night, after
    which ... there were 46 arrests"): narration moves on in time only where it says so."""
    ref, from_stamp = dates.reference(article)
    text = article.text
    paragraph = text.rfind("\n", 0, part.start_char) + 1
    window = article.doc.char_span(paragraph, part.end_char, alignment_mode="expand")
    if window is None:
        return ()
    own: list[Day] = []
    before: list[Day] = []
    for start, end in dates.expressions(article, window):
        span = article.doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(t.i in skip for t in span) or dates.names_a_model_year(span):
            continue  # background, or a year naming a thing ("a 2013 Toyota Camry", "1010 WINS")
        placed = _placed(text[start:end], ref, not from_stamp)
        if placed is None:
            continue
        if start >= part.start_char:
            own.append(placed)
        else:
            before.append(placed)
    return tuple(sorted(set(own), key=Day.sort_key)) if own else tuple(before[-1:])


@functools.cache
def _placed(expression: str, ref, relative_days: bool) -> Day | None:
    when = dates.resolve(expression, ref, relative_days=relative_days)
    if when is None:
        return None
    if when.earliest is not None and when.latest is not None:
        return Day(when.earliest, when.latest)
    return None if when.weekday is None else Day(weekday=when.weekday)


def _value(text: str):
    try:
        return parse_number(text.replace("-", " ").strip())
    except (ArithmeticError, ValueError):
        return None
