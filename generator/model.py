"""The in-memory model every stage passes on: frozen, comparable, free of I/O.

Offsets (`start`, `end`) are always Python string indices into `Source.text`,
the decoded text of the input file (for HTML, the extracted plain text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.copies import CopyGroup


@dataclass(frozen=True)
class Span:
    """A half-open character range into a source's text."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Source:
    """One input article, as read: metadata plus the text offsets refer to."""

    id: str
    path: str  # posix path relative to the seeds folder
    story: str  # story id (folder name unless front matter says otherwise)
    outlet: str
    title: str
    text: str
    sha256: str  # of the file bytes
    body: Span  # the article text proper (after front matter / headline)
    url: str | None = None
    published: date | None = None
    author: str | None = None
    kind: str | None = None  # news, analysis, opinion blog, ...
    furniture: tuple[Span, ...] = ()  # page furniture kept out of extraction
    stamped: date | None = None  # the day the page's time stamps print (the earliest): dates an undated article
    notes: tuple[str, ...] = ()  # things a reader should know (e.g. decoding fallback)


@dataclass(frozen=True)
class Quantity:
    """A reported amount as an interval; open bounds are None ("at least 5": low=5).

    `figure` is the number the text states (converted, before any qualifier widens it) and `step`
    the precision it is stated at in the canonical unit ("15,800" square metres: 100), so that two
    outlets agree only when they state the same figure, not whenever their intervals overlap.
    """

    low: Decimal | None
    high: Decimal | None
    unit: str | None = None  # canonical unit after conversion ("km", "km/h", "m2", "USD")
    counted: str = ""  # what is counted, a canonical noun class ("people", "missiles")
    event: str = ""  # what happened to them ("killed", "injured", "fired", "")
    approximate: bool = False
    figure: Decimal | None = None  # the stated figure; None for a range or a vague amount
    step: Decimal = Decimal(0)  # precision of the figure in the canonical unit
    converted: bool = False  # written in another unit than the canonical one
    qualifier: str = ""  # "", "about", "at least", "at most", "range", "vague"
    subject: str = ""  # what a measure is of ("depth", "chase", "flint from detroit"); a year's model; a bore's "gauge"
    part: bool = False  # "three of the people": a part of a group, not the whole count
    whole: bool = False  # "the seven bullets" of "three of the seven bullets": the group a part is of
    setting: str = ""  # the other place or earlier time (or running total) that sets a count apart from the story's
    converts: str = ""  # the amount a bracketed conversion converts ("110 billion" of "110 billion ($141 billion)")
    person: str = ""  # whose age: a name, or an unnamed person as the story's outlets describe them
    role: str = ""  # the noun an unnamed person of that age is called by ("girl")
    once: str = ""  # "source:offset" of an unnamed person's age, which joins no other by its key
    against: Decimal | None = None  # a tally's second count ("134 to 63": 63); its first is the figure
    on: date | None = None  # the day a recurring count's own clause names ("On Wednesday night, about 200 people")

    def overlaps(self, other: Quantity, tolerance: Decimal = Decimal("0.02")) -> bool:
        """Whether two intervals could describe the same amount (with rounding slack): one fact, not one value."""
        lo_a, hi_a = self._widened(tolerance)
        lo_b, hi_b = other._widened(tolerance)
        return (hi_b is None or lo_a is None or lo_a <= hi_b) and (hi_a is None or lo_b is None or lo_b <= hi_a)

    def same_figure(self, other: Quantity) -> bool:
        """Whether two statements give the same figure at the precision stated (after unit conversion).

        A vague amount is the same only as the same vague amount, a range only as the same range;
        a figure converted from another unit matches within half the coarser precision (120 mph = 193 km/h).
        """
        if self.unit != other.unit or self.against != other.against:
            return False
        if self.figure is None or other.figure is None:
            return self.figure is other.figure and (self.low, self.high) == (other.low, other.high)
        if self.figure == other.figure:
            return True
        if not (self.converted or other.converted):
            return False
        return abs(self.figure - other.figure) <= max(self.step, other.step) / 2

    def _widened(self, tolerance: Decimal) -> tuple[Decimal | None, Decimal | None]:
        lo = None if self.low is None else self.low - abs(self.low) * tolerance
        hi = None if self.high is None else self.high + abs(self.high) * tolerance
        return lo, hi


@dataclass(frozen=True)
class When:
    """A reported date or time, resolved as far as the text allows.

    `earliest`/`latest` bound the calendar days it can mean (equal for an exact
    day, a whole month for "May 2018"); both None when it cannot be placed on
    the calendar (a weekday with no publication date to anchor it).
    """

    earliest: date | None
    latest: date | None
    weekday: int | None = None  # 0 = Monday, when the text names one
    part_of_day: str | None = None  # morning, night, ...
    clock: str | None = None  # "10:00", "02:09" as written, normalised to 24 h
    timezone: str | None = None
    inferred: bool = False  # resolved against the story's dates, not the article's own


@dataclass(frozen=True, order=True)
class Participant:
    """Who fills a slot of a claim's predicate, as the claim aligner compares participants."""

    kind: str  # "person" or "name" (another name, as written), "pron" (its word), "noun" (its lemma)
    name: str
    number: str  # "sing", "plur" or "?" (not known: a name's morphology says nothing)


@dataclass(frozen=True, order=True)
class Role:
    """A participant of one of a claim's predicates: its agent, patient, or the subject of a verb without object."""

    slot: str  # "agent", "patient" or "subject"
    who: Participant
    predicate: str = ""  # the concept of the stated predicate it belongs to; "" for the clause's head predicate


@dataclass(frozen=True, order=True)
class Count:
    """A number a claim gives of a noun ("11 shots"); the count of the event's undergoer is keyed by the event
    ("46 people were arrested": noun "arrest")."""

    noun: str  # the counted noun's lemma, or the event's concept
    value: Decimal
    words: str  # the words that state it, for the verdict
    of: str = ""  # the noun it is the amount of, when the sentence says ("a depth of 1.2 miles": depth)


@dataclass(frozen=True)
class Measure:
    """What a claim's head predicate's object or prepositional object is ("sentenced to up to 119 years")."""

    slot: str  # "obj" for the direct object, else the innermost preposition ("to")
    noun: str  # the object's lemma
    value: Decimal | None  # the number the object carries, if any
    words: str

    def sort_key(self) -> tuple:
        return (self.slot, self.noun, self.value is not None, self.value or 0, self.words)


@dataclass(frozen=True, order=True)
class Place:
    """A named place a claim's head predicate happens at, written as names plus the kind of place they name
    ("pronounced dead at Mount Sinai Hospital": at, hospital, ("mount", "sinai"))."""

    slot: str  # the innermost preposition ("at", "to")
    kind: str  # the lemma of the name's head noun ("hospital", "street")
    names: tuple[str, ...]  # the words naming which one, folded ("mount", "sinai")
    words: str  # as written


@dataclass(frozen=True)
class Day:
    """A day (or run of days) a claim's clause names, placed on the calendar; or only its weekday."""

    first: date | None = None
    last: date | None = None
    weekday: int | None = None  # 0 = Monday; set alone when the day cannot be placed

    def sort_key(self) -> tuple:
        """Placed days first, by date, then bare weekdays."""
        return (self.first is None, self.first or date.min, self.last or date.min, self.weekday or 0)


@dataclass(frozen=True)
class ClaimFrame:
    """What a claim states, as parse evidence (extract/claim_frames.py): who did what to whom, when, with what."""

    roles: tuple[Role, ...] = ()
    heads: tuple[str, ...] = ()  # concepts of every predicate the clause asserts (its head's and others')
    counts: tuple[Count, ...] = ()
    measures: tuple[Measure, ...] = ()
    places: tuple[Place, ...] = ()  # named places of the head predicate's prepositional objects
    colours: tuple[str, ...] = ()  # CSS colour words
    modal: bool = False  # a modal verb ("could", "may") makes it a possibility
    days: tuple[Day, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One outlet's statement of one fact: what an extractor found, and where."""

    kind: str
    source: str  # Source.id
    start: int
    end: int
    text: str  # == source.text[start:end]
    sentence: Span  # the sentence the mention sits in
    value: str | None = None  # normalised value, as published
    key: str = ""  # what the fact is about, for alignment (speaker, counted thing, entity, event)
    speaker: str | None = None
    speaker_inferred: bool = False  # quotes: the speaker is ours, traced from "she" or "the minister" to a name
    attributed_to: str | None = None
    quantity: Quantity | None = None
    when: When | None = None
    words: tuple[str, ...] = ()  # content lemmas, for claims and event matching
    entities: tuple[str, ...] = ()  # canonical-ish entity strings in the sentence
    predicates: tuple[str, ...] = ()  # for claims: concepts of what the clause says happened (its verbs)
    frame: ClaimFrame | None = None  # for claims: participants, attributes and days (extract/claim_frames.py)
    extractor: str = ""  # "name@version"
    uses: tuple[str, ...] = ()  # names: how the article uses it ("located": where something is; "described")
    category: str = ""  # names: "person" or "org" (places are the kind "place")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class Fact:
    """Mentions from one story's outlets that state the same thing, with a verdict."""

    id: str
    story: str
    kind: str
    label: str
    status: str  # agree | differ | single
    verdict: str  # the status in words, e.g. "Outlets differ: Tuesday night vs Wednesday night"
    mentions: tuple[Mention, ...]
    subject: str = ""  # what the id is made from (speaker, counted thing, entity)
    aliases: tuple[str, ...] = ()  # earlier ids that now lead here

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({m.source for m in self.mentions}))


@dataclass(frozen=True)
class FactOutline:
    """What the home page, the page cache and anchors.json need of a fact: no mentions."""

    id: str
    kind: str
    status: str
    aliases: tuple[str, ...] = ()

    @classmethod
    def of(cls, facts: Sequence[Fact]) -> tuple[FactOutline, ...]:
        return tuple(cls(f.id, f.kind, f.status, f.aliases) for f in facts)


class DeferredFacts(Sequence):
    """A story's facts left in the cache until something reads their mentions (its pages are drawn).

    A story then costs a build its outline, not its mentions: in time when it is unchanged, and in
    memory always, since the facts are read again on each use and never kept (whoever reads them
    often, as rendering does, takes a tuple of them for the while). Compares equal to the same facts
    as a tuple, so a model read this way equals one built afresh.
    """

    def __init__(self, outline: tuple[FactOutline, ...], load: Callable[[], tuple[Fact, ...]]):
        self.outline = outline
        self._load = load  # a module-level function and its arguments: a story travels to render workers

    def _all(self) -> tuple[Fact, ...]:
        return tuple(self._load())

    def __len__(self) -> int:
        return len(self.outline)

    def __getitem__(self, index):
        return self._all()[index]

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and not isinstance(other, str) and self._all() == tuple(other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    sources: tuple[Source, ...]
    facts: tuple[Fact, ...] | DeferredFacts = ()
    retired: tuple[RetiredAnchor, ...] = field(default=())
    copies: tuple[CopyGroup, ...] = ()  # articles that carry one text (generator.copies)
    names: tuple[NameEntry, ...] = ()  # every name and place group, published as a fact or not (names page)

    @property
    def outline(self) -> tuple[FactOutline, ...]:
        return self.facts.outline if isinstance(self.facts, DeferredFacts) else FactOutline.of(self.facts)


@dataclass(frozen=True)
class RetiredAnchor:
    """An id that no longer names a fact, kept so that old links still land somewhere."""

    id: str
    label: str
    note: str
    target: str | None = None  # id of the fact it became part of, if any


@dataclass(frozen=True)
class Spelling:
    """How one outlet's article writes a name (spaces folded): all the names page needs of a mention, so a
    story's cached outline does not carry whole mentions."""

    text: str
    source: str


@dataclass(frozen=True)
class NameEntry:
    """One person, organisation or place of a story, for the names page: its spellings and verdict.

    `fact_id` is the permanent id when the group is also published as a fact
    (outlets differ on it, or it locates the story), else None.
    """

    kind: str  # name | place
    label: str
    status: str
    verdict: str
    spellings: tuple[Spelling, ...]  # in the order of the group's mentions, each pair once
    fact_id: str | None = None
