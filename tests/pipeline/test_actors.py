"""Actor resolution: canonical names, kinds and countries from real sentence shapes."""

from __future__ import annotations

from tracker.actors import Actor, ActorContext, issuer, mentions, remember_people
from tracker.nlp import parse_article


def _actors(text: str, ctx: ActorContext | None = None):
    ctx = ctx or ActorContext()
    docs = [doc for _, doc in parse_article(text)]
    ctx.count_countries(docs)
    found = []
    for doc in docs:
        for sent in doc.sents:
            found.extend(mentions(list(sent), ctx))
            remember_people(sent, ctx)
    return found


def _by_text(actors, text):
    return next(a for a in actors if text in a.text)


def test_a_title_places_a_person_the_tables_do_not_know():
    actor = _by_text(_actors("Cuba's chief negotiator Josefina Vidal spoke."), "Vidal")
    assert (actor.name, actor.kind, actor.country) == ("Josefina Vidal", "person", "CUB")


def test_an_office_the_model_took_into_the_name_places_the_person():
    actor = _by_text(
        _actors("Taoiseach Leo Varadkar said Israel's response resembled revenge."), "Varadkar"
    )
    assert (actor.kind, actor.country) == ("person", "IRL")


def test_a_capital_stands_for_its_government():
    actor = _by_text(_actors("Washington offered relief to the officers."), "Washington")
    assert (actor.name, actor.kind, actor.country) == ("United States", "government", "USA")


def test_short_forms_resolve_to_canonical_names():
    found = _actors("The U.S. and the EU asked the U.N. to act.")
    assert {(a.name, a.country) for a in found} >= {
        ("United States", "USA"),
        ("European Union", "EUR"),
        ("United Nations", "UNO"),
    }


def test_a_demonym_on_an_actor_noun_names_a_group_of_that_country():
    actor = _by_text(_actors("Venezuelan military officers have defected."), "Venezuelan")
    assert actor.name == "Venezuelan military officers" and actor.country == "VEN"


def test_a_surname_after_the_full_name_is_the_same_person():
    found = _actors(
        "Foreign Minister Sergei Lavrov met envoys on Monday. Lavrov said the talks went well."
    )
    assert {a.name for a in found if "Lavrov" in a.text} == {"Sergei Lavrov"}


def test_a_news_agency_in_a_dateline_is_never_an_actor():
    found = _actors("GENEVA (Reuters) - North Korea called for a halt to sanctions.")
    assert "Reuters" not in {a.name for a in found}
    assert "North Korea" in {a.name for a in found}


def test_only_an_enacting_formula_names_an_issuer():
    order = (
        "By the authority vested in me as President, I, BARACK OBAMA, President of the "
        "United States of America, hereby order:"
    )
    assert issuer(order) == Actor("Barack Obama", "person", "USA", "")
    quoted = '"I, John Smith, Chairman of the Board of Acme, resign," he wrote.'
    assert issuer(quoted) is None
