"""Kinds of fact, as a registry: what a reader calls each kind and how much its discrepancies weigh.

A kind's module registers its `FactKind` next to its extractor (and, if it needs one, its
aligner), so a new kind is one module: one dropped into `generator/extract/`, or one in another
package named by a `parallax.kinds` entry point (`generator.extract` imports both: its own
modules by listing its folder, the others through `load_plugins`). Nothing else in the code
lists the kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points


@dataclass(frozen=True)
class FactKind:
    name: str  # as in `Mention.kind`, the data files and fact ids
    word: str  # one fact of the kind, as a reader calls it ("Date and time")
    plural: str  # a heading over several ("Dates and times")
    # Rank of its discrepancies at the top of a story page, lowest first: counts of people and
    # things, then times and dates, then quote wording, then claims, then spellings (issue 10).
    weight: int


_KINDS: dict[str, FactKind] = {}


def register_kind(kind: FactKind) -> FactKind:
    """Add a kind; registering one name twice with different words is a programming error."""
    known = _KINDS.setdefault(kind.name, kind)
    if known != kind:
        raise ValueError(f"fact kind {kind.name!r} is registered twice, differently")
    return kind


def fact_kind(name: str) -> FactKind:
    """The registered kind, or a plain one for a name no module registered (ranked last)."""
    if name in _KINDS:
        return _KINDS[name]
    word = name.replace("_", " ").capitalize()
    return FactKind(name, word, word + "s", weight=max((k.weight for k in _KINDS.values()), default=0) + 1)


def fact_kinds() -> tuple[FactKind, ...]:
    """Every registered kind, by weight then name, so pages list them in a fixed order."""
    return tuple(sorted(_KINDS.values(), key=lambda k: (k.weight, k.name)))


PLUGIN_GROUP = "parallax.kinds"


def load_plugins() -> None:
    """Import each module another package names as a `parallax.kinds` entry point, by name.

    Importing it is what registers its kind, extractor and aligner, as for our own modules.
    """
    for point in sorted(entry_points(group=PLUGIN_GROUP), key=lambda p: p.name):
        point.load()
