"""Actors: the noun phrases of a parsed sentence turned into canonical actors.

Each mention becomes an `Actor` with a canonical name, a kind and an ISO 3166 alpha-3
country (EUR for the European Union, UNO for the United Nations). Sources of evidence, in
order: the gazetteer (countries, capitals standing for governments, institutions, a curated
table of officials), the words around a name ("Venezuela's President", "U.S. National
Security Advisor"), demonyms on actor nouns ("Venezuelan officials"), and what the article
said earlier (a surname after the full name, "he" after a person). An actor the tables do
not know is kept with its own words and no country, never dropped.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from . import gazetteer
from .errors import DataTableError
from .tables import function_words, lemmas_by_form, read_csv, read_toml
from .timex.tables import load_tables

if TYPE_CHECKING:
    from spacy.tokens import Span

# NER labels that can name an actor.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Dependency labels whose subtrees describe another thing, not the phrase's own referent.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"}
# Where an unplaced plural noun is what an act is aimed at: the object of the act or of
# its preposition ("urged foreign governments", "sanctions on officials").
UNPLACED_DEPS = {"dobj", "dative", "pobj", "nsubjpass"}
# Words left out of an unplaced actor's name: articles, counts, punctuation.
UNNAMING_DEPS = {"det", "nummod", "quantmod", "punct"}
CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+")
# "... Act of 1996 (Public Law 104-172) (50 U.S.C. 1701 note), as amended (ISA)"
_LAW_ACRONYM = re.compile(
    r"\b(?:Act|Law|U\.S\.C\.|Resolution)\b[^()]{0,80}?"
    r"(?:\([^()]*\)[^()]{0,20}?)*\(([A-Z]{2,8})\)"
)


@dataclass(frozen=True)
class Actor:
    """A resolved actor mention."""

    name: str
    kind: str
    country: str | None
    text: str

    @property
    def actor_id(self) -> str:
        """Stable id: a hash of the canonical name, kind and country."""
        return actor_id(self.name, self.kind, self.country)


def actor_id(name: str, kind: str, country: str | None) -> str:
    """Hash of the canonical name, kind and country (first 16 hex digits of sha1). The
    country is part of who an actor is: "the government" of one article is Zimbabwe's, of
    another Iran's, and must not become one actor with one country in the store."""
    return hashlib.sha1(f"{kind}\x1f{name}\x1f{country or ''}".encode()).hexdigest()[:16]


@functools.cache
def actor_nouns() -> dict[str, str]:
    """Lemma -> kind for common nouns that name actors ("officials", "government")."""
    return {
        r["lemma"]: r["kind"] for r in read_csv("actor_nouns.csv", ("lemma", "kind"), key="lemma")
    }


@dataclass(frozen=True)
class ActorWords:
    """data/actor_words.toml, with the month and weekday names of timex_words.toml and the
    forms of the actor nouns of actor_nouns.csv: the words that decide whether a phrase
    names an actor by itself."""

    titles: frozenset[str]
    fragments: frozenset[str]
    date_words: frozenset[str]
    pronouns: frozenset[str]
    generic_modifiers: frozenset[str]
    government_nouns: frozenset[str]
    noun_forms: dict[str, str]  # surface form -> actor noun lemma ("officials" -> "official")


ACTOR_WORD_LISTS = ("titles", "fragments", "pronouns", "generic_modifiers", "government_nouns")
DATE_WORD_TABLES = ("month", "weekday")  # tables of timex_words.toml


@functools.cache
def actor_words() -> ActorWords:
    """The word lists of data/actor_words.toml, checked: every list present, lowercase."""
    raw = read_toml("actor_words.toml")
    for key in ACTOR_WORD_LISTS:
        value = raw.get(key)
        if not isinstance(value, list) or not value:
            raise DataTableError(f"tracker/data/actor_words.toml: missing list {key!r}")
        bad = [w for w in value if not isinstance(w, str) or w != w.lower()]
        if bad:
            raise DataTableError(f"tracker/data/actor_words.toml: {key}: not lowercase {bad}")
    timex_words = load_tables().words
    date_words = {w for table in DATE_WORD_TABLES for w in timex_words[table] if "." not in w}
    nouns = actor_nouns()
    forms = {**lemmas_by_form(nouns), **{n: n for n in nouns}}
    stray = [w for w in raw["government_nouns"] if nouns.get(forms.get(w, "")) != "government"]
    if stray:
        raise DataTableError(
            f"tracker/data/actor_words.toml: government_nouns {stray} are "
            "not forms of actor_nouns.csv's government nouns"
        )
    return ActorWords(
        titles=frozenset(raw["titles"]),
        fragments=frozenset(raw["fragments"]),
        date_words=frozenset(date_words),
        pronouns=frozenset(raw["pronouns"]),
        generic_modifiers=frozenset(raw["generic_modifiers"]),
        government_nouns=frozenset(raw["government_nouns"]),
        noun_forms=forms,
    )


def _plain(word: str) -> str:
    """A name's word as the word lists spell it: lowercase, without dots."""
    return word.lower().replace(".", "")


def _placing(words: list[str]) -> tuple[str | None, list[str]]:
    """The country a name opens with ("U.S.", "South Korean", "Iran's") or ends with ("...
    of Iran"), and the words left; (None, words) when it names none."""
    for width in range(min(4, len(words)), 0, -1):
        head = " ".join(words[:width])
        entry = gazetteer.lookup(head)
        code = gazetteer.demonym_country(head) or (
            entry.country if entry and entry.kind in ("country", "government") else None
        )
        if code:
            return code, words[width:]
    if len(words) > 2 and words[-2].lower() == "of":
        entry = gazetteer.lookup(words[-1])
        if entry is not None and entry.kind in ("country", "government") and entry.country:
            return entry.country, words[:-2]
    return None, words


def _generic(words: list[str]) -> bool:
    """Words that are actor nouns and words qualifying them without placing them ("senior
    officials", "the government"), at least one of them an actor noun, and not a proper
    name of several capitalised words ("National Assembly")."""
    table = actor_words()
    plain = [_plain(w) for w in words]
    if len(words) > 1 and all(
        w[:1].isupper() for w in words if _plain(w) not in ("of", "and", "the")
    ):  # a proper name: "National Assembly"
        return False
    return any(w in table.noun_forms for w in plain) and all(
        w in table.noun_forms or w in table.generic_modifiers for w in plain
    )


def _fragment(words: list[str], kind: str) -> bool:
    """A name made only of titles, compass words, abbreviations, dates (but "May" may be a
    person) or a lone first name ("Marine Lt", "North", "Reg", "Joe"): a piece of a name,
    not one."""
    table = actor_words()
    parts = table.titles | table.fragments | (table.date_words if kind != "person" else set())
    if len(words) == 1 and words[0] in gazetteer.first_names() and not gazetteer.lookup(words[0]):
        return True
    return all(_plain(w) in parts for w in words)


def _pronoun(word: str) -> bool:
    """A pronoun ("his", "Their"), not a name in capitals that spells one ("US", "World
    War I")."""
    return word.lower() in actor_words().pronouns and not word.isupper()


def _join(words: list[str]) -> str:
    """Words back into a name, a possessive joined to its owner ("Israel’s military")."""
    return re.sub(r"\s+(['’]s)\b", r"\1", " ".join(words))


def settle(actor: Actor) -> Actor | None:
    """The actor a mention stands for, or None when its words name no one by themselves.

    Date words glued to a name's edges go ("January EU governments"), and a person's
    leading titles ("Superintendent Benjamin Lawsky"). A phrase owned by a pronoun ("his
    own people") points back and names no one, unless it is a placed government ("his
    government"); titles, compass words and lone first names are fragments, unless they
    are actor nouns ("the prime minister", placed like "officials"). A generic actor noun
    ("the government", "officials") names an actor only when placed in a country: one of
    the government nouns is that country's government (named as the country, kind
    government, as a capital standing for it is: "the U.S. administration", "the
    Venezuelan regime"); another noun placed only by the article is named with the
    country's demonym ("officials" in Cuba: "Cuban officials")."""
    table = actor_words()
    words = actor.name.split()
    if actor.kind == "person":  # "Theresa May", "June Smith": a person's name keeps its dates
        while (
            len(words) > 1
            and _plain(words[0]) in table.titles
            and any(_plain(w) not in table.titles for w in words)
        ):
            words = words[1:]
    else:
        while words and _plain(words[0]) in table.date_words:
            words = words[1:]
        while words and _plain(words[-1]) in table.date_words:
            words = words[:-1]
    owned = [w for w in words if not _pronoun(w)]
    if owned != words and not (
        actor.country and owned and _generic(owned) and _plain(owned[-1]) in table.government_nouns
    ):
        return None  # but "his government" is his country's
    if not owned or (_fragment(owned, actor.kind) and not _generic(owned)):
        return None
    words = owned
    code, rest = _placing(words)
    if not rest or not _generic(rest):
        return replace(actor, name=_join(words))
    country = code or actor.country
    if country is None or (code is None and actor.kind == "unknown"):
        return None
    if _plain(rest[-1]) in table.government_nouns:  # "government officials" are officials
        return Actor(gazetteer.country_name(country), "government", country, actor.text)
    if code is not None:
        return replace(actor, name=_join(words))
    nouns = [w.lower() for w in rest if _plain(w) not in ("the", "a", "an")]
    return replace(actor, name=_join([gazetteer.adjective(country), *nouns]), country=country)


def relocate(actor: Actor, country: str) -> Actor:
    """`actor` placed in another country. A name `settle` gave from its country's demonym,
    the sentence naming only the noun ("Officials" first guessed Japanese), follows it; a
    name the sentence gave stays."""
    if actor.country is None:
        return replace(actor, country=country)
    guessed = gazetteer.adjective(actor.country) + " "
    if actor.name.startswith(guessed) and not actor.text.startswith(guessed.strip()):
        name = gazetteer.adjective(country) + " " + actor.name[len(guessed) :]
        return replace(actor, name=name, country=country)
    return replace(actor, country=country)


# "I, BARACK OBAMA, President of the United States of America, ...": who speaks as "I".
_SELF_NAMED = re.compile(
    r"\bI,\s+(?P<name>[A-Z][^,]{2,60}?),\s+[A-Z][A-Za-z ]{2,40}?\s+of\s+"
    r"(?:the\s+)?(?P<country>[A-Z][A-Za-z ]{2,60}?)\s*[,.;:]"
)
# Name suffixes the gazetteer lists people without ("Joseph R. Biden Jr.").
_NAME_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III)\.?$", re.IGNORECASE)


def issuer(text: str) -> Actor | None:
    """Who issues a legal instrument: the person who names themselves in its enacting
    formula ("By the authority vested in me as President ..., I, BARACK OBAMA, President of
    the United States of America, hereby order:"); None for any other text. Every act the
    instrument states without an agent ("All property ... is blocked") is theirs. The
    actor's `text` is empty: it is inferred, not named where the act is."""
    lower = text.lower()
    if not any(phrase in lower for phrase in function_words()["enacting_phrases"]):
        return None
    found = _SELF_NAMED.search(" ".join(text.split()))
    if found is None:
        return None
    name = _NAME_SUFFIX.sub("", found["name"].strip()).title()
    place = gazetteer.lookup(found["country"])
    person = gazetteer.lookup(name)
    if person is not None and person.kind == "person":
        return Actor(person.name, "person", person.country, "")
    return Actor(name, "person", place.country if place else None, "")


def law_acronyms(text: str) -> frozenset[str]:
    """Acronyms a text defines for laws and resolutions ("the Iran Sanctions Act of 1996
    (Public Law 104-172) ..., as amended (ISA)"): later mentions name a document, not an
    actor."""
    return frozenset(match[1] for match in _LAW_ACRONYM.finditer(text))


@dataclass
class ActorContext:
    """Per-article memory used to resolve later, shorter mentions of the same actor."""

    by_surname: dict[str, Actor] = field(default_factory=dict)
    last_person: Actor | None = None
    last_collective: tuple[Actor, ...] = ()
    groups: dict[str, Actor] = field(default_factory=dict)
    implicit: dict[str, tuple[Actor, ...]] = field(default_factory=dict)
    country_counts: Counter = field(default_factory=Counter)
    dateline_end: int = 0  # in the paragraph being read: "HARARE (Reuters) -" names no actor
    issuer: Actor | None = None  # of a legal instrument: the agent of its agentless acts
    documents: frozenset[str] = frozenset()  # law acronyms the text defines: not actors

    def remember(self, actor: Actor) -> None:
        """Record a person so "Guaidó" or "he" later in the article finds them."""
        if actor.kind != "person":
            return
        self.last_person = actor
        parts = actor.name.split()
        if len(parts) > 1:
            self.by_surname.setdefault(parts[-1], actor)

    def remember_agents(self, actors: list[Actor]) -> None:
        """Record who acted last, so a later "it" or "they" as subject finds them."""
        collective = tuple(a for a in actors if a.kind != "person")
        if collective:
            self.last_collective = collective
        for actor in actors:
            self.remember(actor)

    def implicit_targets(self, family: str, targets: list[Actor]) -> list[Actor]:
        """Targets a sentence leaves implicit are those of the article's last act of the same
        family ("duties imposed on Japanese goods ... the duties were lifted")."""
        if targets:
            self.implicit[family] = tuple(targets)
            return targets
        return list(self.implicit.get(family, ()))

    def count_countries(self, docs) -> None:
        """Count the countries an article names, to know what it is about."""
        for doc in docs:
            for ent in doc.ents:
                if ent.label_ in ("GPE", "NORP"):
                    text = _clean(ent.text)
                    entry = gazetteer.lookup(text)
                    code = gazetteer.demonym_country(text) or (
                        entry.country if entry and entry.kind in ("country", "government") else None
                    )
                    if code:
                        self.country_counts[code] += 1

    def domestic(self, tok) -> list[Actor]:
        """An acting body the sentence names only by its noun ("the Ministry", "the
        semiconductor industry"): one of the country the article is about."""
        kind = actor_nouns().get(tok.lemma_.lower())
        code = self.main_country()
        if kind is None or code is None or tok.pos_ not in ("NOUN", "PROPN") or names_system(tok):
            return []
        if kind == "country" and tok.tag_ == "NNS":  # "countries" are not one country's body
            return []
        words = [t.text for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "punct")]
        actor = settle(Actor(" ".join(words), kind, code, " ".join(words)))
        return [actor] if actor is not None else []

    def main_country(self) -> str | None:
        """The country the article names most: where a person it does not place is from."""
        top = self.country_counts.most_common(1)
        return top[0][0] if top else None

    def salient_target(self, exclude: list[Actor]) -> list[Actor]:
        """The country the article names most (other than those of `exclude`): the implied
        target of an act whose sentence names none. Its `text` is empty: inferred."""
        acting = {a.country for a in exclude}
        for code, _ in self.country_counts.most_common():
            if code not in acting:
                return [Actor(gazetteer.country_name(code), "country", code, "")]
        return []

    def remember_group(self, words, actor: Actor) -> None:
        """Record "Venezuelan military officers" so a later bare "officers" or "the
        military" finds it."""
        for tok in words:
            if tok.lemma_.lower() in actor_nouns():
                self.groups[tok.lemma_.lower()] = actor

    def person(self, text: str) -> Actor | None:
        """A person seen earlier whose surname is `text`."""
        return self.by_surname.get(text.split()[-1]) if text.split() else None


def _clean(text: str) -> str:
    """Strip a leading article and a trailing possessive from an entity's text."""
    text = text.strip()
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _entity_index(doc) -> dict[int, Span]:
    """Token index -> the named entity span that covers it."""
    index: dict[int, Span] = {}
    for ent in doc.ents:
        if ent.label_ in ACTOR_LABELS:
            for tok in ent:
                index[tok.i] = ent
    return index


def _country_of_phrase(tokens, exclude: set[int]) -> str | None:
    """The first country named by a token among `tokens` (a title's "U.S.", "Venezuela's")."""
    for tok in tokens:
        if tok.i in exclude:
            continue
        code = gazetteer.demonym_country(tok.text)
        if code:
            return code
        entry = gazetteer.lookup(_clean(tok.text))
        if entry and entry.kind in ("country", "government") and entry.country:
            return entry.country
        if tok.ent_type_ in ("GPE", "ORG") and tok.ent_iob_ == "B":
            ent = next((e for e in tok.doc.ents if e.start == tok.i), None)
            entry = gazetteer.lookup(_clean(ent.text)) if ent is not None else None
            if entry and entry.country and entry.kind != "person":
                return entry.country
    return None


def _modifier_tokens(ent):
    """Tokens describing an entity from outside it: title words, possessors, appositions."""
    root = ent.root
    out = [t for t in root.subtree if t.i < ent.start or t.i >= ent.end]
    if root.dep_ in ("compound", "appos") or root.head.dep_ == "appos":
        out.extend(t for t in root.head.subtree if t.i < ent.start)
    return out


def _person(ent, ctx: ActorContext) -> Actor:
    """Resolve a PERSON entity: gazetteer (which may know it for an institution, "G8"),
    then earlier in the article, then its title."""
    text = _clean(ent.text)
    entry = gazetteer.lookup(text)
    if entry and not entry.ambiguous:  # a person, or an institution the model took for one
        return Actor(entry.name, entry.kind, entry.country, ent.text)
    earlier = ctx.person(text)
    if earlier is not None:
        return Actor(earlier.name, earlier.kind, earlier.country, ent.text)
    if entry and entry.kind == "person":
        return Actor(entry.name, "person", entry.country, ent.text)
    country = _country_of_phrase(
        _modifier_tokens(ent), set(range(ent.start, ent.end))
    ) or _office_in_name(ent)
    return Actor(text, "person", country or ctx.main_country(), ent.text)


def _office_in_name(ent) -> str | None:
    """The country of an office the model took into the name ("Taoiseach Leo Varadkar"):
    a leading word the tables list as a government institution."""
    for tok in ent[:-1]:
        entry = gazetteer.lookup(_clean(tok.text))
        if entry is not None and entry.kind == "government" and entry.country:
            return entry.country
    return None


def _group(ent, code: str, ctx: ActorContext) -> Actor | None:
    """A demonym on an actor noun ("Venezuelan officials") or standing for its country."""
    head = ent.root.head
    if head.i >= ent.end and head.lemma_.lower() in actor_nouns() and head.pos_ == "NOUN":
        words = [
            t.text
            for t in head.subtree
            if ent.start <= t.i <= head.i
            and t.dep_ not in ("det", "nummod", "quantmod", "predet", "cc", "punct")
            and not t.like_num
        ]
        name = " ".join(w for w in words if w.lower() not in ("and", "former", "current"))
        actor = Actor(name, actor_nouns()[head.lemma_.lower()], code, name)
        ctx.remember_group([t for t in head.subtree if ent.start <= t.i <= head.i], actor)
        return actor
    return Actor(gazetteer.country_name(code), "country", code, ent.text)


def _titles_person(ent) -> bool:
    """An ORG that is part of a person's title: "U.S. National Security Advisor John Bolton"."""
    t = ent.root
    while t.dep_ == "compound" and t.head.i != t.i:
        t = t.head
        if t.ent_type_ == "PERSON":
            return True
    return False


def resolve_entity(ent, ctx: ActorContext) -> Actor | None:
    """Map a named entity span to an actor; None when it names no actor (a city, a date)."""
    if ent.label_ == "PERSON":
        return None if _numbered_document(ent) else _person(ent, ctx)
    text = _clean(ent.text)
    if ent.label_ == "NORP":
        code = gazetteer.demonym_country(text)
        entry = None if code else gazetteer.lookup(text)
        if code:
            return _group(ent, code, ctx)
        if entry is not None:
            return Actor(entry.name, entry.kind, entry.country, ent.text)
        if ent.root.dep_ in ("nsubj", "nsubjpass", "agent"):
            # a people no table places ("Sunnis have demanded ...") still acts: kept in its
            # own words, kind unknown, in the country the article is about
            return Actor(text, "unknown", ctx.main_country(), ent.text)
        return None
    entry = gazetteer.lookup(text) or _owned_institution(text)
    if entry is not None and not (entry.ambiguous and ent.label_ not in ("GPE", "ORG")):
        return Actor(entry.name, entry.kind, entry.country, ent.text)
    earlier = ctx.person(text) if len(ent) == 1 else None
    if earlier is not None:  # "Safadi" tagged as a place after "Ayman Safadi"
        return Actor(earlier.name, earlier.kind, earlier.country, ent.text)
    if ent.label_ == "ORG" and _titles_person(ent):
        return None
    if _names_document(ent, ctx):
        return None
    if ent.label_ == "ORG":
        country = _country_of_phrase(list(ent) + _modifier_tokens(ent), set())
        return Actor(text, "organisation", country or ctx.main_country(), ent.text)
    if ent.root.dep_ in ("nsubj", "nsubjpass", "agent"):
        # a place the tables do not know cannot act: most likely a mislabelled name
        return Actor(text, "unknown", ctx.main_country(), ent.text)
    return None


def _owned_institution(text: str) -> gazetteer.GazetteerEntry | None:
    """The institution a name in the possessive stands for ("the Treasury Department's
    Office of Foreign Assets Control", "the State Department's Bureau of Arms Control"):
    the owned part when the tables know it, else its owner when that is no person."""
    owner, mark, owned = text.replace("’", "'").partition("'s ")
    if not mark:
        return None
    entry = gazetteer.lookup(owned) or gazetteer.lookup(owner)
    return entry if entry is not None and entry.kind != "person" else None


def _numbered_document(ent) -> bool:
    """A name ending in a document noun and its number ("Executive Order 13590",
    "Resolution 2231"), which the model may take even for a person."""
    return (
        len(ent) > 1
        and ent[-1].like_num
        and ent[-2].lemma_.lower() in function_words()["document_nouns"]
    )


def _names_document(ent, ctx: ActorContext) -> bool:
    """A law, order, list or regulation ("the Iran Sanctions Act", "the SDN List"), its
    acronym defined in the text ("CISADA"), or a heading that opens with a verb ("Imposing
    Additional Sanctions With Respect to North Korea") names no actor."""
    return (
        ent.root.lemma_.lower() in function_words()["document_nouns"]
        or _numbered_document(ent)
        or ent[0].tag_ == "VBG"
        or _clean(ent.text) in ctx.documents
    )


def _noun_actor(tok, ctx: ActorContext) -> Actor | None:
    """An actor noun modified by a country ("Iran's parliament", "the Japanese government"),
    or a bare one ("the officers") that the article named in full before."""
    lemma = tok.lemma_.lower()
    kind = actor_nouns().get(lemma)
    if kind is None or tok.pos_ not in ("NOUN", "PROPN") or names_system(tok):
        return None
    mods = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    # not the dateline the parser hung on the noun ("LUXEMBOURG (Reuters) - EU governments")
    phrase = [t for m in mods for t in m.subtree if t.idx >= ctx.dateline_end]
    code = _country_of_phrase(phrase, set())
    if code is None and kind == "government":
        code = _leaders_country(mods, ctx)  # "the Assad regime", "the Maduro government"
    if code is None:
        return ctx.groups.get(lemma)
    words = [t.text for t in phrase] + [tok.text]
    actor = Actor(" ".join(words).replace(" 's", "'s"), kind, code, " ".join(words))
    ctx.remember_group(phrase + [tok], actor)
    return actor


def _leaders_country(mods, ctx: ActorContext) -> str | None:
    """The country of a person whose name modifies a government noun ("the Assad regime"):
    the gazetteer's, or that of the person the article named before."""
    for tok in mods:
        if tok.dep_ != "compound" or tok.pos_ != "PROPN":
            continue
        entry = gazetteer.lookup(_clean(tok.text))
        known = entry if entry is not None and entry.kind == "person" else ctx.person(tok.text)
        if known is not None and known.country:
            return known.country
    return None


def names_system(tok) -> bool:
    """An actor noun that names a system of rules here ("the sanctions regime"): a common
    noun modifies it (data/function_words.toml, system_nouns)."""
    return tok.lemma_.lower() in function_words()["system_nouns"] and any(
        c.dep_ == "compound" and c.pos_ == "NOUN" for c in tok.children
    )


# Hand-kept: a PhraseMatcher scan tied crossval (full 0.2574) but was 38 lines more, ~1% faster
def _gazetteer_match(doc, start: int, stop: int) -> tuple[Actor, int] | None:
    """Longest gazetteer alias starting at token `start` and ending before `stop`."""
    for width in range(min(gazetteer.max_alias_tokens(), stop - start), 0, -1):
        span = doc[start : start + width]
        entry = gazetteer.lookup(_clean(span.text))
        if entry is not None and not entry.ambiguous and entry.kind != "person":
            return Actor(entry.name, entry.kind, entry.country, span.text), start + width
    return None


def _untagged_surname(tok, ctx: ActorContext) -> Actor | None:
    """A lone proper noun the model tagged as no entity that is the surname of someone the
    article named in full ("Trump used his toughest language" after "Donald Trump"); not a
    modifier ("the Trump administration" is the administration)."""
    if (
        tok.pos_ != "PROPN"
        or tok.dep_ == "compound"
        or any(c.dep_ == "compound" for c in tok.children)
    ):
        return None
    earlier = ctx.person(tok.text)
    return Actor(earlier.name, earlier.kind, earlier.country, tok.text) if earlier else None


def mentions(tokens, ctx: ActorContext) -> list[Actor]:
    """Actors named among `tokens` (one phrase or clause), in order, without repeats."""
    if not tokens:
        return []
    doc = tokens[0].doc
    ents = _entity_index(doc)
    tokens = [t for t in tokens if t.idx >= ctx.dateline_end]
    if not tokens:
        return []
    wanted = {t.i for t in tokens}
    found: list[Actor] = []
    done: set[int] = set()
    for tok in sorted(tokens, key=lambda t: t.i):
        if tok.i in done:
            continue
        actor = None
        ent = ents.get(tok.i)
        if ent is not None:
            done.update(range(ent.start, ent.end))
            actor = resolve_entity(ent, ctx)
            if ent.label_ == "NORP" and ent.root.head.lemma_.lower() in actor_nouns():
                done.add(ent.root.head.i)
        elif tok.lower_ in function_words()["person_pronouns"] and tok.pos_ == "PRON":
            actor = _antecedent_person(tok, ctx)
        else:
            actor = _noun_actor(tok, ctx) or _untagged_surname(tok, ctx)
            if actor is None and tok.pos_ in ("PROPN", "NOUN"):
                stop = max(i for i in wanted) + 1
                hit = _gazetteer_match(doc, tok.i, stop)
                if hit is not None:
                    actor, end = hit
                    done.update(range(tok.i, end))
        actor = settle(actor) if actor is not None else None
        if actor is not None and actor.kind != "media":
            _add_mention(found, actor)
    return found


def _add_mention(found: list[Actor], actor: Actor) -> None:
    """Add `actor` to `found` unless it names one already there (same name and country);
    then the reading of the wider phrase wins ("U.S. administration", a government, over
    its "U.S.", a country)."""
    for i, known in enumerate(found):
        if (known.name, known.country) == (actor.name, actor.country):
            if known.text in actor.text and len(actor.text) > len(known.text):
                found[i] = actor
            return
    found.append(actor)


def unplaced(tokens, country: str | None) -> list[Actor]:
    """Plural actor nouns no table can place ("urged foreign governments to ...", "expel
    envoys and relief agencies"): kept with their own words and kind unknown, rather than
    dropped or replaced by a guess; `country` is the caller's best guess of where they are
    (the article's usual target). A definite "the officials" points back to someone named
    before, so it is left to the caller's fallbacks."""
    found = []
    for tok in tokens:
        if (
            tok.tag_ != "NNS"
            or tok.lemma_.lower() not in actor_nouns()
            or tok.dep_ not in UNPLACED_DEPS
            or any(
                c.dep_ == "det" and c.lower_ in function_words()["definite_determiners"]
                for c in tok.children
            )
        ):
            continue
        phrase, stack = [tok], [c for c in tok.children if c.dep_ not in UNNAMING_DEPS]
        while stack:  # the phrase without its own article or count: "the world" keeps "the"
            t = stack.pop()
            if t.dep_ not in CLAUSE_DEPS and t.dep_ != "punct":
                phrase.append(t)
                stack.extend(t.children)
        if any(t.tag_ in ("WP", "WDT") for t in phrase):  # a misparsed relative clause
            continue
        name = " ".join(t.text for t in sorted(phrase, key=lambda t: t.i))
        actor = settle(Actor(name, "unknown", country, name))
        if actor is not None:
            found.append(actor)
    return found


def _antecedent_person(pronoun, ctx: ActorContext) -> Actor | None:
    """Whom "he" or "she" stands for: the last person named earlier in the same sentence
    ("Putin has a basis for this: in 2008, he stepped down"), also when the model took the
    name for something else ("Trump said he had watched ..." with Trump tagged ORG), else
    the article's last."""
    for ent in reversed([e for e in pronoun.sent.ents if e.end <= pronoun.i]):
        if ent.label_ == "PERSON":
            return _person(ent, ctx)
        if ent.label_ in ACTOR_LABELS:
            actor = resolve_entity(ent, ctx)
            if actor is not None and actor.kind == "person":
                return actor
    return ctx.last_person


def remember_people(sent, ctx: ActorContext) -> None:
    """Walk a sentence's people in order so later short mentions resolve. A sentence the
    sieve left unparsed has no entities, but a surname already known in it still makes
    that person the last one named ("In power since 1994, Lukashenko has cracked down
    ... sanctions against him")."""
    if not sent.doc.has_annotation("ENT_IOB"):
        for word in CAPITALISED.findall(sent.text):
            if word in ctx.by_surname:
                ctx.last_person = ctx.by_surname[word]
        return
    for ent in sent.ents:
        if ent.label_ == "PERSON":
            ctx.remember(_person(ent, ctx))
