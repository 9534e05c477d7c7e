"""Name variants across a story: which spellings name the same person, place or organisation.

Outlets transliterate (Qasem/Qassem), drop first names, add titles and
generational suffixes, or misspell a letter. Names are compared token by
token: two tokens are variants when they are equal, or share a consonant
skeleton and are close in spelling, or are very close long tokens. Complete
linkage (a name joins a cluster only if it fits every member, and only one
cluster) keeps two people who share a surname apart.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from generator.model import Mention

_TITLES = (
    "mr mrs ms miss dr prof professor sir dame lord lady gen general lt lieutenant col colonel maj major "
    "capt captain cmdr commander adm admiral brig brigadier sgt sergeant cpl corporal pvt officer "
    "detective det insp inspector chief sheriff undersheriff deputy councilman councilwoman councilmember "
    "alderman mayor governor gov senator sen rep representative congressman congresswoman president vice "
    "prime minister secretary foreign defense defence interior finance ambassador spokesman spokeswoman "
    "spokesperson ayatollah imam sheikh rabbi pope rev reverend bishop cardinal king queen prince "
    "princess emir sultan chancellor judge justice attorney prosecutor commissioner supt superintendent "
    "supreme leader martyr hajj marshal premier chairman chairwoman speaker former late acting "
)
TITLE_WORDS = frozenset(_TITLES.split())  # titles and offices written before names
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})  # courtesy titles: no office or role
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
_SKELETON_SUBS = (("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("z", "s"), ("w", "v"))
_CUT_SHORT_WORDS = 5  # from this many words, a name that stops one word early is the same name cut short


@functools.lru_cache(maxsize=1 << 15)  # a story folds the same few hundred names hundreds of thousands of times
def fold(name: str) -> str:
    """Lower-case ASCII without diacritics or punctuation: 'Zoë Núñez' -> 'zoe nunez'."""
    name = re.sub(r"['’]s\b", "", name.replace("’", "'")).replace(".", "")
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"(?<=\w)'(?=\w)", "", ascii_text)
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", ascii_text.lower()).split())


@functools.lru_cache(maxsize=1 << 15)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a name without leading 'the', titles or generational suffixes."""
    tokens = fold(name).split()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[0] in TITLE_WORDS:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens = tokens[:-1]
    return tuple(tokens)


@functools.lru_cache(maxsize=1 << 15)
def skeleton(token: str) -> str:
    """Consonant key: q/k/c, s/z alike, vowels dropped, doubled letters collapsed ('qassem' -> 'ksm')."""
    for old, new in _SKELETON_SUBS:
        token = token.replace(old, new)
    token = re.sub(r"[aeiouyh]", "", token)
    return re.sub(r"(.)\1+", r"\1", token)


@functools.lru_cache(maxsize=1 << 16)  # claims and dates compare the same few names pair by pair
def tokens_match(a: str, b: str) -> bool:
    """Whether two folded name tokens are spellings of one name (initials match their full word)."""
    if a == b:
        return True
    if any(ch.isdigit() for ch in a + b):
        return False  # "52nd" and "53rd" streets, "Route 66" and "Route 67": numbers are exact
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if min(len(a), len(b)) < 4 or _gendered_pair(a, b):
        return False
    score = ratio(a, b)
    return (skeleton(a) == skeleton(b) and score >= 60) or (score >= 85 and min(len(a), len(b)) >= 6)


def _gendered_pair(a: str, b: str) -> bool:
    """'Martin'/'Martina', 'Paul'/'Paula': one is the other plus a final vowel - different names."""
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and long.startswith(short) and long[-1] in "aeio"


def _aligned(short: tuple[str, ...], long: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """Match `short`'s tokens in order to tokens of `long`, surname to surname; None if impossible.

    A lone word that is not the surname may be the first name ('his sister Amara').
    """
    if not short or not long:
        return None
    if len(short) == 1 and len(long) > 1 and not tokens_match(short[0], long[-1]):
        return [(short[0], long[0])] if tokens_match(short[0], long[0]) else None
    if not tokens_match(short[-1], long[-1]):
        return None
    pairs = [(short[-1], long[-1])]
    j = 0
    for tok in short[:-1]:
        while j < len(long) - 1 and not tokens_match(tok, long[j]):
            j += 1
        if j >= len(long) - 1:
            return None
        pairs.append((tok, long[j]))
        j += 1
    return pairs


@functools.lru_cache(maxsize=1 << 15)
def generation(name: str) -> str:
    """A name's generational suffix, folded ("Donald Trump Jr." -> "jr"), or "" when it has none."""
    tokens = fold(name).split()
    return tokens[-1] if len(tokens) > 1 and tokens[-1] in SUFFIXES else ""


@functools.lru_cache(maxsize=1 << 16)
def person_match(a: str, b: str) -> bool:
    """Two person names can be one person: surnames match and first names are equal, missing or variants,
    and they do not name two generations ("John Smith Jr." / "John Smith Sr.")."""
    if generation(a) and generation(b) and generation(a) != generation(b):
        return False
    ta, tb = name_tokens(a), name_tokens(b)
    short, long = sorted((ta, tb), key=len)
    return _aligned(short, long) is not None


def spelling_conflicts(a: str, b: str) -> bool:
    """Two variants of one name spell some shared part differently (titles, dropped names, initials ignored)."""
    ta, tb = name_tokens(a), name_tokens(b)
    short, long = sorted((ta, tb), key=len)
    pairs = _aligned(short, long) or []
    return any(x != y and len(x) > 1 and len(y) > 1 for x, y in pairs)


def fixed_match(a: str, b: str) -> bool:
    """Organisations and places: same number of words, each a variant, one identical; one-word names must be equal.

    An acronym matches the name it abbreviates ('GCC', 'Gulf Cooperation Council').
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if ta == tb or _abbreviates(a, tb) or _abbreviates(b, ta) or _cut_short(ta, tb) or _cut_short(tb, ta):
        return True
    if len(ta) != len(tb) or len(ta) < 2 or not any(x == y for x, y in zip(ta, tb, strict=False)):
        return False
    return all(tokens_match(x, y) and min(len(x), len(y)) > 1 for x, y in zip(ta, tb, strict=False))


def _cut_short(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """A long name the tagger cut off before its last word ("Fundamentalist Church of Jesus Christ of
    Latter-day" for "... of Latter-day Saints"): five words or more, all the start of the other name, which
    goes on by one word."""
    return len(short) >= _CUT_SHORT_WORDS and len(long) == len(short) + 1 and long[: len(short)] == short


def _abbreviates(acronym: str, tokens: tuple[str, ...]) -> bool:
    """'US' for ('united', 'states'): an all-capitals word made of the initials of the other name's main words."""
    letters = re.sub(r"[.\s]", "", acronym)
    initials = "".join(t[0] for t in tokens if t not in ("of", "and", "for", "the", "de"))
    return letters.isupper() and len(letters) >= 2 and len(tokens) >= 2 and letters.lower() == initials


def category(mention: Mention) -> str:
    """person, org or place."""
    return "place" if mention.kind == "place" else mention.category or "person"


@dataclass(frozen=True)
class EntityIndex:
    """Maps every name variant seen in a story (folded) to one canonical name, per category."""

    canonical: dict[str, str]  # folded variant -> canonical name
    categories: dict[str, str]  # folded variant -> person | org | place
    ambiguous: frozenset[str] = frozenset()  # folded bare names that fit several people
    # Answers already given: aligners ask about the same few names for every pair of mentions.
    _resolved: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    _same: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, mentions: Sequence[Mention]) -> EntityIndex:
        """Cluster the values of a story's name and place mentions into entities."""
        ms = [m for m in mentions if m.kind in ("name", "place") and m.value and name_tokens(m.value)]
        votes: dict[str, Counter] = {}
        for m in ms:
            votes.setdefault(fold(m.value), Counter())[category(m)] += 1
        cats = _categories(votes)
        usage = _usage(ms)
        canonical: dict[str, str] = {}
        ambiguous: set[str] = set()
        same_person = _person_match_in(ms)
        for cat in ("person", "org", "place"):
            values = sorted({m.value for m in ms if cats[fold(m.value)] == cat}, key=lambda v: _richness(v, usage))
            clusters, unsure = _cluster(values, same_person if cat == "person" else fixed_match)
            ambiguous |= {fold(v) for v in unsure}
            for members in clusters:
                name = _canonical_name(members, usage)
                canonical.update({fold(v): name for v in members})
        return cls(canonical, cats, frozenset(ambiguous))

    def resolve(self, name: str | None) -> str | None:
        """The canonical name for a variant; an unknown name is matched to the one person it fits, else kept."""
        if not name:
            return None
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name)
        return self._resolved[name]

    def _resolve(self, name: str) -> str:
        folded = fold(name)
        if folded in self.canonical:
            return self.canonical[folded]
        bare = " ".join(name_tokens(name))
        if bare in self.canonical:
            return self.canonical[bare]
        fits = {c for v, c in self.canonical.items() if self.categories.get(v) == "person" and person_match(name, v)}
        return fits.pop() if len(fits) == 1 else name

    def same(self, a: str | None, b: str | None) -> bool:
        """Whether two names denote one entity of this story (a bare surname two people share never does)."""
        if not a or not b:
            return False
        if (a, b) not in self._same:
            self._same[a, b] = self._same_entity(a, b)
        return self._same[a, b]

    def _same_entity(self, a: str, b: str) -> bool:
        ra, rb = self.resolve(a), self.resolve(b)
        if fold(ra) == fold(rb):
            return fold(a) == fold(b) or not ({fold(a), fold(b)} & self.ambiguous)
        known_a, known_b = fold(ra) in self._canonicals, fold(rb) in self._canonicals
        if known_a and known_b:
            return False
        return person_match(a, b) and not ({fold(a), fold(b)} & self.ambiguous)

    @functools.cached_property
    def _canonicals(self) -> frozenset[str]:
        return frozenset(fold(c) for c in self.canonical.values())


def _person_match_in(mentions: Sequence[Mention]) -> Callable[[str, str], bool]:
    """`person_match` for one story: where an article names both "Donald Trump" and "Donald Trump Jr.", the two
    are father and son in the whole story, so a name with the suffix is never one without it ("Donald Jr." is the
    son; "Donald J. Trump" and a bare "Trump" are the father). Outlets that drop the suffix of a man whose father
    no article names still match."""
    written: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "name" and m.value:
            written.setdefault(m.source, set()).add(m.value)
    told_apart = {
        " ".join(name_tokens(a))
        for values in written.values()
        for a in values
        for b in values
        if generation(a) and not generation(b) and name_tokens(a) == name_tokens(b) and len(name_tokens(a)) > 1
    }
    if not told_apart:
        return person_match

    def match(a: str, b: str) -> bool:
        if not person_match(a, b):
            return False
        if bool(generation(a)) == bool(generation(b)):
            return True
        suffixed = a if generation(a) else b
        return not any(person_match(suffixed, name) for name in told_apart)

    return match


def _categories(votes: dict[str, Counter]) -> dict[str, str]:
    """Category per folded value by majority, with two repairs.

    A one-word name some outlet tags as a person and that is the surname of a
    person named in full is that person ('Trump' tagged ORG by one outlet);
    a 'person' spelled like an organisation is that organisation.
    """
    cats = {f: max(sorted(c), key=lambda k: c[k]) for f, c in votes.items()}
    surnames = {name_tokens(f)[-1] for f, c in cats.items() if c == "person" and len(name_tokens(f)) > 1}
    for f, c in votes.items():
        if cats[f] != "person" and c["person"] and len(name_tokens(f)) == 1 and name_tokens(f)[0] in surnames:
            cats[f] = "person"
    orgs = [f for f, c in cats.items() if c == "org"]
    for f, c in cats.items():
        if c == "person" and any(fixed_match(f, o) for o in orgs):
            cats[f] = "org"
    return cats


def _usage(mentions: Sequence[Mention]) -> dict[str, tuple[int, int]]:
    """Per value: how many outlets and how many mentions use it."""
    sources: dict[str, set[str]] = {}
    counts: Counter = Counter()
    for m in mentions:
        sources.setdefault(m.value, set()).add(m.source)
        counts[m.value] += 1
    return {v: (len(s), counts[v]) for v, s in sources.items()}


def _richness(value: str, usage: dict[str, tuple[int, int]]) -> tuple:
    """Sort key: fuller and more used names first, so partial forms meet their full form."""
    outlets, count = usage.get(value, (0, 0))
    return (-len(name_tokens(value)), -outlets, -count, value)


def _cluster(values: list[str], match) -> tuple[list[list[str]], list[str]]:
    """Complete-linkage clustering; a name fitting several clusters stays alone and is reported as unsure."""
    clusters: list[list[str]] = []
    unsure: list[str] = []
    for value in values:
        fits = [c for c in clusters if all(match(value, member) for member in c)]
        if len(fits) == 1:
            fits[0].append(value)
            continue
        if len(fits) > 1:
            unsure.append(value)
        clusters.append([value])
    return clusters, unsure


def _canonical_name(members: list[str], usage: dict[str, tuple[int, int]]) -> str:
    """The most used full form (two or more words when there is one)."""
    full = [v for v in members if len(name_tokens(v)) > 1] or members
    return min(full, key=lambda v: (-usage.get(v, (0, 0))[0], -len(name_tokens(v)), -usage.get(v, (0, 0))[1], v))
