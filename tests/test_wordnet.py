"""generator.wordnet: a noun's class is read from WordNet's own files by binary search."""

from __future__ import annotations

import pytest

from generator import wordnet


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("lawyer", "noun.person"),
        ("attorney", "noun.person"),
        ("miner", "noun.person"),
        ("house", "noun.artifact"),
        ("earthquake", "noun.event"),
        ("new york", "noun.location"),  # several words: WordNet joins them with underscores
        ("zymurgy", "noun.cognition"),  # near the end of the index
        ("'hood", "noun.location"),  # the first entry after the licence
        ("blorptastic", None),
        ("café", None),  # WordNet's index is ASCII
        ("", None),
    ],
)
def test_noun_class_of_the_first_sense(lemma, expected):
    assert wordnet.noun_class(lemma) == expected


def test_every_index_entry_is_found_by_the_search():
    index, _ = wordnet._files("noun")
    text = index.path.read_bytes()
    lines = [line.rstrip(b"\r") for line in text.split(b"\n") if line and not line.startswith(b"  ")]
    missed = [line for line in lines[::97] if index.find(line.split(b" ")[0]) != line]
    assert len(lines) > 100_000 and not missed


def test_first_sense_of_a_verb_and_its_synonyms():
    sense = wordnet.first_sense("start", "VERB")
    assert sense.lexname == "verb.change" and {"begin", "start", "commence"} <= set(sense.words)
    assert wordnet.first_sense("start", "ADJ") is None
