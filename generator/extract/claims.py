"""Claims: every content sentence (or clause) of an article body as a statement of fact.

A claim carries its content lemmas (`words`, with synonyms folded to one
concept and a "not" token for negative polarity) and its entities, so that the
aligner can find the same statement worded differently in other outlets.
Questions, pure quotations (the quotes extractor has those), sub-headings,
bylines, captions and reader prompts are left out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.entities import fold
from generator.extract.attribution import credited_source
from generator.extract.base import ArticleDoc, entity_at, ents_within, register
from generator.extract.claim_frames import frame, participants
from generator.kinds import FactKind, register_kind
from generator.model import Mention, Span

VERSION = 49  # bump whenever the output changes: the build cache keys on it
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "FAC", "LOC", "NORP", "DATE", "CARDINAL"}
_PLACE_LABELS = {"GPE", "NORP", "LOC"}
_CONTENT_POS = {"NOUN", "VERB", "ADJ", "NUM", "PROPN"}
_SPEECH_LEMMAS = {
    "say",
    "tell",
    "state",
    "add",
    "announce",
    "declare",
    "report",
    "claim",
    "write",
    "tweet",
    "according",
}
_SOURCES = {
    "police", "official", "authority", "spokesman", "spokeswoman", "spokesperson", "witness", "officer", "source",
    "minister", "sheriff", "chief", "spokesmen", "prosecutor", "investigator", "agency", "ministry", "government",
    "dispatcher", "resident", "expert", "analyst", "lawyer", "attorney", "survey", "statement",
}  # fmt: skip
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
_NEGATIONS = {"not", "no", "never", "n't", "nobody", "none", "nothing", "neither", "nor", "without"}
_NEGATIVE_LEMMAS = {"deny", "avoid", "prevent", "refuse", "reject", "fail", "lack", "dismiss", "rule_out"}
_REPORTING = {
    "say", "tell", "state", "add", "announce", "declare", "report", "claim", "allege", "write", "tweet", "argue",
    "insist", "note", "charge", "contend", "assert", "maintain", "conclude", "find", "show", "indicate", "suggest",
    "believe", "think", "know", "confirm", "acknowledge", "admit", "testify", "predict", "warn",
}  # fmt: skip  # verbs that introduce what is stated: the proposition is their complement
_DENYING = {"deny", "refute", "dispute"}  # "denied colluding" states "did not collude"
_LIGHT = {"file", "make", "take", "give", "have", "launch", "carry", "bring", "hold", "issue", "conduct", "open"}
_COMPLEMENTS = ("ccomp", "xcomp", "pcomp")
_COPULAS = {"be", "become", "remain", "seem", "appear"}
_REPORTING_NOUNS = {"report", "sign", "evidence", "indication", "word", "news", "account", "claim", "allegation"}
_GENERIC = {"be", "have", "do", "get", "present", "come", "go", "include", "become", "seem", "appear"}
US_NAMES = {
    "us", "u s", "usa", "u s a", "united states", "united states of america", "america", "american", "americans",
}  # fmt: skip
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12", "twenty": "20", "hundred": "100",
    "thousand": "1000", "million": "1000000", "billion": "1000000000",
}  # fmt: skip

# General paraphrase lexicon: lemma -> concept tokens shared by words that state the same thing.
_CONCEPTS: dict[str, tuple[str, ...]] = {}
for _concept, _lemmas in {
    "leave": "leave withdraw withdrawal exit depart departure pullout evacuate quit",
    "vote": "vote resolution ballot motion referendum",
    "sue": "sue lawsuit suit litigation",
    "convict": "convict conviction guilty",
    "sentence": "sentence sentencing face receive",
    "buy": "buy acquire acquisition purchase",
    "testify": "testify testimony",
    "consume": "consume use",
    "seize": "seize find recover confiscate",
    "successor": "successor replacement replace succeed appoint appointment",
    "die": "die dead death kill fatal fatality deadly slay",
    "injure": "injure injury wound wounded hurt",
    "casualty": "casualty casualties",
    "deny": "deny denial reject dismiss refute",
    "avoid": "avoid prevent limit spare",
    "stay": "stay remain keep maintain",
    "plan": "plan intend intention aim",
    "police": "police officer cop policeman authority",
    "troop": "troop soldier force",
    "attack": "attack strike raid assault hit",
    "missile": "missile rocket",
    "arrest": "arrest detain custody",
    "fire": "fire blaze flame inferno",
    "protest": "protest demonstration rally march riot",
    "protester": "protester demonstrator rioter marcher",
    "bomb": "bomb firebomb molotov explosive",
    "quake": "quake earthquake temblor tremor",
    "rescue": "rescue save evacuate",
    "shoot": "shoot shot gunfire gunshot",
    "vow": "vow pledge promise swear",
    "justice": "justice accountable accountability punish punishment prosecute",
    "perpetrator": "perpetrator culprit responsible attacker",
    "speak": "speak address talk speech remark presentation",
    "worker": "worker employee staff staffer clerk",
    "woman": "woman female",
    "man": "man male",
    "chief": "chief commander head leader",
    "letter": "letter memo memorandum",
    "inform": "inform notify",
    "reposition": "reposition relocate redeploy",
    "feel": "feel shake shaking",
    "damage": "damage destruction",
    "hospital": "hospital",
}.items():
    for _lemma in _lemmas.split():
        _CONCEPTS.setdefault(_lemma, ())
        _CONCEPTS[_lemma] += (_concept,)
_CONCEPTS["casualty"] = ("casualty", "die", "injure")
# Concepts of people and things, which only a noun can state: the verbs "force" and "head" name no troops or chief.
_THINGS = {"police", "troop", "missile", "protester", "worker", "woman", "man", "chief", "letter", "hospital",
           "perpetrator"}  # fmt: skip

_CAPTION = re.compile(
    r",\s*(?:left|right|center|centre)\s*,|\((?:left|right|center|centre)\)|\bpictured\b|\bphoto(?:graph)?s?\s*:"
    r"|\b(?:AP|AFP|Getty|Reuters)\s+(?:Photo|Images)\b",
    re.I,
)
_WEB = re.compile(r"https?://|www\.|@\w|\.com\b(?!\s+\w)", re.I)
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_SPLIT = re.compile(
    r";\s+|:\s+(?=[A-Z])|,\s+(?=(?i:following|after|while|whereas|though|although)\s)"
    r"|,\s+(?=(?i:and|but)\s+(?:(?i:the|a|an|he|she|it|they|we|his|her|their|its|police|officials)\b|[A-Z0-9]))"
)
_TERMINAL = (".", "!", "”", '"', "’", "'", ")")


register_kind(FactKind("claim", "Claim", "Claims", weight=3))


@register("claims", VERSION)
def extract(article: ArticleDoc) -> list[Mention]:
    """One mention per content sentence or clause, with the lemmas the aligner compares."""
    found: list[Mention] = []
    for sent in _sentences(article):
        span = article.sentence_span(sent)
        if not _is_statement(article.text[span.start : span.end], sent):
            continue
        clauses = [_mention(article, span, a, b) for a, b in _clauses(article, span, _coordination_cuts(sent))]
        if None in clauses:  # a coordinated verb split off too little to compare: keep the sentence whole
            clauses = [_mention(article, span, a, b) for a, b in _clauses(article, span, [])]
        found.extend(m for m in clauses if m is not None)
    return found


def _sentences(article: ArticleDoc) -> list:
    """spaCy's sentences, with a piece opening in lower case joined to the sentence it continues
    ('The "Do You Feel It?" | survey by the USGS showed ...')."""
    merged: list = []
    for sent in article.sentences():
        text = sent.text.lstrip()
        previous = merged[-1] if merged else None
        same_paragraph = previous is not None and "\n" not in article.text[previous.end_char : sent.start_char]
        if same_paragraph and text[:1].islower():
            merged[-1] = article.doc[previous.start : sent.end]
        else:
            merged.append(sent)
    return merged


def _is_statement(text: str, sent) -> bool:
    """Whether a sentence is article prose stating something (not a heading, prompt, question or caption)."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < 5 or text[0].islower() or text.rstrip().endswith((":", "?")) or "?" in _QUOTED.sub("", text):
        return False
    if not text.rstrip().endswith(_TERMINAL) and len(words) < 12:
        return False  # sub-heading, byline, time stamp
    if text.isupper() or _CAPTION.search(text) or _WEB.search(text):
        return False
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    return not _is_prompt(sent)


def _is_prompt(sent) -> bool:
    """Reader prompts are imperatives: the sentence opens with its root verb in base form and has no subject."""
    root = sent.root
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
    return first is root and root.tag_ == "VB" and not has_subject


def _clauses(article: ArticleDoc, span: Span, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of a sentence that state something: two-statement sentences split (at `cuts`, offsets in the
    text, and at clause punctuation), and a quotation that opens or closes the sentence (or fills most of it) cut
    out, since the quotes extractor reports those."""
    text = article.text[span.start : span.end]
    quotes = list(_QUOTED.finditer(text))
    quoted = sum(m.end() - m.start() for m in quotes)
    framed = bool(quotes) and (quotes[0].start() == 0 or quotes[-1].end() >= len(text.rstrip(".")) - 1)
    if framed or quoted > 0.5 * len(text):
        runs = _unquoted_runs(text)
        if not runs:
            return []
        start, end = max(runs, key=lambda r: (r[1] - r[0], -r[0]))
    else:
        start, end = 0, len(text)
    separators = [(m.start(), m.end()) for m in _SPLIT.finditer(text, start, end)]
    separators += [(a - span.start, b - span.start) for a, b in cuts if start <= a - span.start < end]
    pieces, cut = [], start
    for sep_start, sep_end in sorted(separators):
        if sep_start < cut:
            continue
        if _content_count(text[cut:sep_start]) >= 4 and _content_count(text[sep_end:end]) >= 4:
            pieces.append((cut, sep_start))
            cut = sep_end
    pieces.append((cut, end))
    pieces = [_trim(text, a, b) for a, b in pieces]
    return [(span.start + a, span.start + b) for a, b in pieces if b > a]


def _coordination_cuts(sent) -> list[tuple[int, int]]:
    """Where a sentence's main verb is coordinated with a second one ("X spoke in English and showed ...",
    "X came days before A, and minutes before B addressed reporters"): the "and"/"but", as text offsets."""
    root = sent.root
    verbs = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    cuts = []
    for cc in (c for c in root.children if c.dep_ == "cc" and c.lower_ in ("and", "but")):
        if any(v.i > cc.i for v in verbs):
            comma = cc.nbor(-1) if cc.i > sent.start and cc.nbor(-1).text == "," else cc
            cuts.append((comma.idx, cc.idx + len(cc.text)))
    return cuts


def _unquoted_runs(text: str) -> list[tuple[int, int]]:
    """Text between quotations, kept only where it says more than who spoke."""
    runs, cut = [], 0
    for m in [*_QUOTED.finditer(text), None]:
        stop = m.start() if m else len(text)
        a, b = _trim(text, cut, stop)
        if _content_count(text[a:b]) >= 5:
            runs.append((a, b))
        cut = m.end() if m else len(text)
    return runs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut separators and a leading "and"/"but" off a stretch of text."""
    while start < end and (text[start].isspace() or text[start] in ",;:-—–"):
        start += 1
    lead = re.match(r"(?:and|but)\s+", text[start:end])
    if lead:
        start += lead.end()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-—–"):
        end -= 1
    return start, end


def _content_count(text: str) -> int:
    return sum(1 for w in re.findall(r"[A-Za-z0-9][\w'’.-]*", text) if len(w) > 3 or w[0].isdigit())


def _mention(article: ArticleDoc, span: Span, start: int, end: int) -> Mention | None:
    """A claim mention for one clause, or None when it has too little content to compare."""
    doc = article.doc
    part = doc.char_span(start, end, alignment_mode="expand")
    if part is None:
        return None
    head, negated = proposition_head(part)
    concept = _head_concept(head)
    background, asides = _aside_tokens(part), _aside_tokens(part, ("relcl", "appos"))
    words = tuple(w for w in claim_words(part, background) if w != "not")
    if len(words) < 3:
        return None
    words = tuple(sorted({*words, "not"})) if negated else words
    ents = tuple(
        sorted({fold(e.text) for e in article.ents_within(part) if e.label_ in _ENTITY_LABELS and fold(e.text)})
    )
    found = frame(article, part, head, concept, _concept, background)
    stated = stated_heads(part, head, concept, asides)
    found = replace(
        found,
        roles=tuple(sorted({*found.roles, *participants(part, stated, background)})),
        heads=tuple(sorted({c for _, concepts in stated for c in concepts})),
    )
    return article.mention(
        "claim",
        start,
        end,
        span,
        value=None,
        key=concept,
        predicates=predicates(part, asides),
        speaker=_speaker(part),
        attributed_to=credited_source(article, span),
        words=words,
        entities=ents,
        frame=found,
    )


def claim_words(part, background: set[int]) -> tuple[str, ...]:
    """Content lemmas, lower-case, with place names, numbers and synonyms folded; "not" marks negative polarity.

    A relative clause set off by commas (`background`, from `_aside_tokens`) is left out, unless too little
    would be left to compare.
    """
    words = _content_lemmas(part, background)
    return words if len([w for w in words if w != "not"]) >= 3 else _content_lemmas(part, set())


def _content_lemmas(part, aside: set[int]) -> tuple[str, ...]:
    out: set[str] = set()
    ents = ents_within(part)
    us_tokens = {t.i for e in ents if re.sub(r"^the ", "", fold(e.text)) in US_NAMES for t in e}
    if us_tokens:
        out.add("us")
    places = {t.i for e in ents if e.label_ in _PLACE_LABELS for t in e}
    skip = us_tokens | _attribution_tokens(part) | aside
    for tok in part:
        if tok.i in skip:
            continue
        lemma = tok.lemma_.lower()
        if tok.lower_ in _NEGATIONS or lemma in _NEGATIONS:
            out.add("not")
        elif _is_content(tok, lemma):
            out.update(_normalise(tok, lemma, tok.i in places))
    if out & {"deny", "avoid"}:
        out.add("not")
    if {"not", "leave"} <= out:
        out.add("stay")  # "no plans to pull out" states what "will keep its troops" states
    return tuple(sorted(out))


def proposition_head(part):
    """The verb of what a clause states (through verbs of saying and denying to their complement), and whether
    it is negated; (None, False) when the parse has no verb.

    Negative polarity is a `neg` dependent, a negative determiner on the subject or object ("no plans"), a
    negative verb ("refused"), or a denial of the complement ("denied colluding").
    """
    head = _head_verb(part)
    if head is None:
        return None, False
    negated = False
    for _ in range(3):
        lemma = head.lemma_.lower()
        inside = _indices(part)
        verbs = (c for c in head.children if c.dep_ in _COMPLEMENTS and c.pos_ in ("VERB", "AUX") and c.i in inside)
        complement = next(verbs, None)
        yet_to = complement is not None and complement.dep_ == "xcomp" and any(c.lower_ == "yet" for c in head.children)
        if (lemma in _REPORTING or lemma in _DENYING or yet_to) and complement is not None:
            negated ^= lemma in _DENYING or yet_to or _has_negation(head)  # "had yet to regain" = "had not regained"
            head = complement
            continue
        break
    negated ^= _has_negation(head) or head.lemma_.lower() in _NEGATIVE_LEMMAS
    return head, negated


def _head_concept(head) -> str:
    """The concept of what a clause states happened, from its head (`proposition_head`): the main verb, through
    verbs of saying to what is said.

    "X said the DNC sued Russia" -> "sue"; "the DNC filed a lawsuit" -> "sue" (a light verb's object carries the
    meaning); "Reynolds was convicted" -> "convict"; "He is a judge" -> "judge". Empty when the parse has no verb.
    """
    if head is None:
        return ""
    lemma = head.lemma_.lower()
    if lemma == "be":
        attribute = next((c for c in head.children if c.dep_ in ("attr", "acomp")), None)
        lemma = attribute.lemma_.lower() if attribute is not None else lemma
    elif lemma in _LIGHT:
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        lemma = obj.lemma_.lower() if obj is not None else lemma
    if head.tag_ == "NN" and lemma.endswith("ing"):
        lemma = _verb_of(lemma)
    return _concept(lemma, verb=head.pos_ == "VERB" and lemma == head.lemma_.lower())


def stated_heads(part, head, concept: str, asides: set[int]) -> list[tuple[object, set[str]]]:
    """What a clause asserts happened, as (verb, its concepts): the head predicate (`concept`) and every other
    clause in it with a subject of its own ("X was leaving her car when she was hit", "attacks left no
    casualties"), through verbs that only frame their complement ("appeared to back down", "intends to keep").
    A participle without a subject ("..., hitting Doe") is detail, not an assertion of its own. `asides`: the
    relative clauses and appositives set off by commas (`_aside_tokens`)."""
    found: list[tuple[object, set[str]]] = []
    for tok in part:
        if tok.i in asides or tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("relcl", "acl"):
            continue  # a relative clause says who someone is ("the driver who hit her"), not what happened
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
        is_head = head is not None and tok.i == head.i
        if is_head or own_subject:
            concepts = _clause_concepts(tok, 0) | ({concept} if is_head and concept else set())
            found.append((tok, concepts))
    if concept and head is None:
        found.append((None, {concept}))
    return found


def _clause_concepts(verb, depth: int) -> set[str]:
    """A verb's concept (a light verb's or copula's noun instead), an event noun it takes, and what its
    infinitive complement says ("avoided inflicting casualties" -> avoid, inflict, casualty)."""
    lemma = verb.lemma_.lower()
    out: set[str] = set()
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN"), None)
    reports = (lemma in _REPORTING or lemma in _DENYING) and any(c.dep_ in _COMPLEMENTS for c in verb.children)
    if obj is not None and (lemma in _LIGHT or lemma in _COPULAS or obj.lemma_.lower() in _CONCEPTS):
        out.update(_noun_predicates(obj))
    if not reports and lemma not in _GENERIC and not (lemma in _LIGHT and obj is not None):
        out.add(_concept(lemma, verb=True))
    out.update(_as_predicates(verb))
    if depth < 3:
        frames = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if obj is not None:  # "taken measures to prevent casualties"
            purpose = [c for c in obj.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
            frames += [c for c in purpose if c.dep_ == "acl" or "Inf" in c.morph.get("VerbForm")]
        for inner in frames:
            out.update(_clause_concepts(inner, depth + 1))
    return out


def _as_predicates(verb) -> set[str]:
    """A role the verb assigns with "as" ("was named as the minister's replacement" -> successor)."""
    return {
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ == "NOUN"
        for p in _noun_predicates(g)
    }


def predicates(part, asides: set[int]) -> tuple[str, ...]:
    """Concepts of every event the clause states: its verbs (not verbs of saying with a clause, "found that ...",
    nor light or auxiliary verbs,
    whose object stands in: "filed a lawsuit" -> "sue"), an object naming an event in the paraphrase lexicon
    ("left no casualties" -> "casualty"), and a copula's attribute ("was the father" -> "father";
    "there were no reports of injuries" -> "injure"). Nouns elsewhere are arguments, not predicates: a story's
    topic noun ("the lawsuit") is in most of its sentences. `asides` are left out, unless nothing else is left:
    "X, an adviser who is named in the suit, dismissed it"."""
    return _predicates_of([t for t in part if t.i not in asides]) or _predicates_of(list(part))


def _predicates_of(tokens: list) -> tuple[str, ...]:
    found: set[str] = set()
    for tok in tokens:
        lemma = tok.lemma_.lower()
        reports = (lemma in _REPORTING or lemma in _DENYING) and any(c.dep_ in _COMPLEMENTS for c in tok.children)
        if tok.pos_ == "VERB" and not reports and lemma not in _GENERIC:
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            if lemma in _LIGHT and obj is not None:
                found.update(_noun_predicates(obj))
            else:
                found.add(_concept(lemma, verb=True))
                if obj is not None and obj.lemma_.lower() in _CONCEPTS:  # "left no casualties", "inflict damage"
                    found.update(_noun_predicates(obj))
        elif _predicative(tok):
            found.update(_noun_predicates(tok))
        if tok.pos_ == "VERB":
            found.update(_as_predicates(tok))
    return tuple(sorted(found))


def _predicative(tok) -> bool:
    """A copula's attribute ("was the father"), or an appositive noun ("Ruiz, the minister's successor, told"):
    both say what someone is. (Appositives are reached only when the clause has no other predicate.)"""
    copular = tok.dep_ in ("attr", "acomp", "oprd") and tok.head.lemma_ in _COPULAS and tok.pos_ in ("NOUN", "ADJ")
    return copular or (tok.dep_ == "appos" and tok.pos_ == "NOUN")


def _noun_predicates(noun) -> set[str]:
    """A predicate noun and its coordinated nouns; a reporting noun stands for what it reports ("reports of
    damage or injuries" -> damage, injure)."""
    nouns = [noun, *(c for c in noun.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "ADJ"))]
    if noun.lemma_.lower() in _REPORTING_NOUNS:
        of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        nouns = [n for g in of for n in (g, *(c for c in g.children if c.dep_ == "conj"))] or nouns
    lemmas = (n.lemma_.lower() for n in nouns)
    return {_concept(_verb_of(lemma) if lemma.endswith("ing") else lemma) for lemma in lemmas}


def _concept(lemma: str, verb: bool = False) -> str:
    return _concepts(lemma, verb)[0]


def _concepts(lemma: str, verb: bool) -> tuple[str, ...]:
    """A lemma's concepts; a verb never takes a concept of things ("forced them to testify" names no troops)."""
    found = _CONCEPTS.get(lemma, ())
    if verb:
        found = tuple(c for c in found if c not in _THINGS)
    return found or (lemma,)


def _has_negation(verb) -> bool:
    """`not`/`never` on the verb, or "no" on its subject or object ("no one was hurt", "has no plans")."""
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "nobody", "nothing", "none"):
            return True
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
            d.dep_ == "det" and d.lower_ == "no" for d in child.children
        ):
            return True
    return False


def _head_verb(part):
    """The clause's syntactic head: the verb whose head lies outside the clause (or the sentence root)."""
    inside = _indices(part)
    heads = [t for t in part if (t.head.i not in inside or t.head.i == t.i) and not t.is_punct]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    auxiliary = verbs and (verbs[0].pos_ == "AUX" or verbs[0].lemma_ in ("have", "be", "do"))
    if auxiliary and not any(c.dep_ in ("attr", "acomp", "dobj") for c in verbs[0].children):
        main = next((c for c in verbs[0].children if c.pos_ == "VERB" and c.i in inside), None)
        return main or verbs[0]  # a parse broken by dashes hangs the main verb under its auxiliary
    if verbs:
        return verbs[0]
    return next((t for t in part if t.pos_ == "VERB"), None)


def _indices(part) -> range:
    return range(part.start, part.end)


def _aside_tokens(part, deps: tuple[str, ...] = ("relcl",)) -> set[int]:
    """Token indices of a relative clause (or, for predicates, an appositive) set off by commas ("X, who opposed
    the deal, spoke"): background about someone, not what the sentence states."""
    out: set[int] = set()
    for tok in part:
        left = tok.left_edge.i
        if tok.dep_ in deps and left > part.start and part.doc[left - 1].text == ",":
            out.update(t.i for t in tok.subtree)
    return out


def _is_content(tok, lemma: str) -> bool:
    """Nouns, verbs, adjectives, numbers and names; spaCy's stop list drops verbs like "keep" that we compare."""
    if lemma in _DIRECTIONS:
        return True  # "as far south as": an adverb, but it says where
    if tok.pos_ not in _CONTENT_POS or not any(c.isalnum() for c in lemma) or lemma in _SPEECH_LEMMAS:
        return False
    return not tok.is_stop or tok.like_num or lemma in _CONCEPTS


def _normalise(tok, lemma: str, is_place: bool) -> tuple[str, ...]:
    """The comparable forms of one content token."""
    if tok.like_num or lemma[0].isdigit():
        return (_NUMBER_WORDS.get(lemma, re.sub(r"[,\s]", "", lemma)),)
    if lemma in US_NAMES or fold(tok.text) in US_NAMES:
        return ("us",)
    if lemma == "pull" and any(c.lower_ == "out" for c in tok.children):
        return ("leave",)
    if tok.pos_ == "PROPN" or is_place or tok.ent_type_ in _PLACE_LABELS:
        return (_place_stem(fold(tok.text), tok.ent_type_ == "NORP"),)
    if tok.pos_ == "NOUN" and lemma.endswith("ing"):
        lemma = _verb_of(lemma)
    return _concepts(lemma, tok.pos_ == "VERB")


def _verb_of(noun: str) -> str:
    """ "repositioning" -> "reposition", "killing" -> "kill", "firing" -> "fire"; "evening" stays."""
    stem = noun[:-3]
    for candidate in (stem, stem + "e"):
        if candidate in _CONCEPTS:
            return candidate
    return stem if len(stem) >= 5 else noun


def _place_stem(word: str, demonym: bool) -> str:
    """One form for a place and its people: "Iraqi"/"Iraq", "Iranian"/"Iran", "Russian"/"Russia"."""
    if demonym and len(word) > 4:
        word = re.sub(r"(?:ians?|ans?|ese|is?|s)$", "", word) or word
    return re.sub(r"[aeiouy]+$", "", word) if len(word) > 4 else word


def _attribution_tokens(part) -> set[int]:
    """Token indices of "..., Sheriff John Doe said" and "according to X": who says it, not what is said."""
    out: set[int] = set()
    for tok in part:
        if tok.lower_ == "according":
            out.update(t.i for t in tok.subtree)
        if tok.lemma_ not in _SPEECH_LEMMAS or tok.pos_ != "VERB":
            continue
        if tok.dep_ in ("parataxis", "ROOT") or any(c.dep_ in ("ccomp", "parataxis") for c in tok.children):
            speakers = [c for c in tok.children if c.dep_ == "nsubj" and _is_source(c)]
            if speakers:
                out.add(tok.i)
                out.update(t.i for c in speakers for t in _credit_words(c))
    return out


def _credit_words(subject) -> list:
    """The speaker's title and affiliation, not the name itself nor what an appositive says about them."""
    said = {t.i for c in subject.children if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree}
    return [t for t in subject.subtree if t.i not in said and t.i != subject.i]


def _is_source(subject) -> bool:
    """Whether a subject is someone who speaks (a person, an office, a pronoun), not a document that says."""
    return (
        subject.pos_ in ("PROPN", "PRON")
        or subject.ent_type_ in ("PERSON", "ORG", "NORP")
        or subject.lemma_.lower() in _SOURCES
    )


def _speaker(sent) -> str | None:
    """The person a clause is credited to ("..., Sheriff John Doe said"), when spaCy names one."""
    for tok in sent:
        if tok.lemma_ not in ("say", "tell", "add", "state", "announce") or tok.pos_ != "VERB":
            continue
        for child in tok.children:
            if child.dep_ != "nsubj":
                continue
            ent = entity_at(child)
            if ent is not None and ent.label_ == "PERSON" and sent.start <= ent.start and ent.end <= sent.end:
                start = min(t.i for t in child.subtree)
                return sent.doc[start : child.i + 1].text if ent.start >= start else ent.text
    return None
