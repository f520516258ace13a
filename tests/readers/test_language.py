"""Language identification (py3langid): Latin and non-Latin scripts; too little text gives
no answer."""

from __future__ import annotations

import json

import pytest

from tracker.language import detect
from tracker.readers import read_file

from .conftest import SHARED


def test_the_seed_is_english(seed_text):
    assert detect(seed_text) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Die Europäische Union hat am Montag neue Sanktionen gegen Russland beschlossen. "
            "Die Maßnahmen richten sich gegen Banken, sagte ein Sprecher in Brüssel.",
            "de",
        ),
        (
            "La Unión Europea aprobó el lunes nuevas sanciones contra Rusia. Las medidas "
            "afectan a los bancos y a las empresas de energía, dijo un portavoz en Bruselas.",
            "es",
        ),
        (
            "Европейский союз в понедельник ввёл новые санкции против России. Меры направлены "
            "против банков и энергетических компаний, сообщил представитель в Брюсселе.",
            "ru",
        ),
        (
            "欧盟周一对俄罗斯实施了新的制裁措施。这些措施针对银行和能源公司，一位发言人在布鲁塞尔表示。",
            "zh",
        ),
        (
            "فرض الاتحاد الأوروبي يوم الاثنين عقوبات جديدة على روسيا. وتستهدف الإجراءات "
            "البنوك وشركات الطاقة، بحسب ما قال متحدث في بروكسل.",
            "ar",
        ),
        (
            "L'Union européenne a adopté lundi de nouvelles sanctions contre la Russie. Les "
            "mesures visent les banques et les entreprises de l'énergie, a dit un porte-parole.",
            "fr",
        ),
    ],
)
def test_news_sentences_in_other_languages(text, code):
    assert detect(text) == code


def test_spanish_wire_sentences_from_the_bench_are_spanish():
    path = SHARED / "bench/universalpetrarch_es_protest/records.jsonl"
    if not path.is_file():
        pytest.skip("../shared/bench/universalpetrarch_es_protest is not available")
    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()[:200]]
    found = [detect(text) for text in texts if len(text.split()) >= 15]
    assert len(found) > 100
    assert found.count("es") / len(found) > 0.97


@pytest.mark.parametrize("text", ["", "Sanctions", "12 34 56", "Guaidó Maduro Bolton"])
def test_too_little_text_gives_no_answer(text):
    assert detect(text) is None


def test_the_reader_labels_but_does_not_drop_non_english(tmp_path):
    spanish = (
        "El Gobierno de Estados Unidos anunció el miércoles nuevas sanciones contra "
        "funcionarios venezolanos, según un comunicado del Departamento del Tesoro. "
        "Las medidas se suman a las que ya habían sido impuestas durante el año pasado."
    )
    (tmp_path / "es.txt").write_text(spanish, encoding="utf-8")
    result = read_file(tmp_path / "es.txt", tmp_path)
    assert [a.language for a in result.articles] == ["es"]
    assert result.skipped == []
