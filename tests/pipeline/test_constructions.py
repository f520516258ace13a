"""The special constructions of the rules (tracker/extract/detection.py, roles.py and the
conditions of data/triggers.toml), each on at least three sentences written for these tests,
not taken from a gold or pool article: other words, tenses and word orders than the
sentence the construction was first written for, so that a construction that only fits that
sentence fails here. Gold sentences are kept apart, scored as a whole, in
`test_gold_regression.py`."""

from __future__ import annotations

import pytest

from .extracting import countries, events, only


def _types(text: str) -> list[str]:
    return [e.event_type for e in events(text)]


def _names(text: str, event_type: str, role: str) -> set[str]:
    return {a.name for a in only(text, event_type).actors if a.role == role}


# --- conditions on the trigger's clause -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        (
            "“Stop the shelling now,” the French foreign minister told Russia on Tuesday.",
            "FRA",
            "RUS",
        ),
        ("“Release the prisoners,” Merkel told the Belarusian leader.", "DEU", "BLR"),
        ("“Leave our waters,” the Philippine president told China last week.", "PHL", "CHN"),
    ],
)
def test_a_bare_order_told_to_someone_is_a_demand_on_them(sentence, source, target):
    ev = only(sentence, "DEMAND")
    assert countries(ev, "source") == {source} and target in countries(ev, "target")


def test_a_statement_with_a_subject_told_to_someone_orders_nothing():
    assert "DEMAND" not in _types("“We will respond,” Trump told reporters.")


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Macron said Iran should stop enriching uranium.", "IRN"),
        ("The minister warned that Pyongyang must halt its missile tests.", "PRK"),
        ("The UN chief stressed that both sides should return to talks.", None),
    ],
)
def test_saying_someone_must_or_should_act_is_a_demand(sentence, target):
    ev = only(sentence, "DEMAND")
    assert target is None or target in countries(ev, "target")


def test_saying_we_should_act_asks_nothing_of_anyone_else():
    assert "DEMAND" not in _types("“We should lift the tariffs,” the minister said.")


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("Germany asked that Russia withdraw its troops from the border.", "DEU", "RUS"),
        ("The envoy proposed that Israel lift the blockade of Gaza.", None, "ISR"),
        ("Washington insists that Pyongyang dismantle its nuclear arsenal.", "USA", "PRK"),
    ],
)
def test_a_mandate_in_the_subjunctive_is_a_demand(sentence, source, target):
    ev = only(sentence, "DEMAND")
    assert source is None or countries(ev, "source") == {source}
    assert target in countries(ev, "target")
    assert not [e for e in events(sentence) if e.event_type.startswith("SANCTION_EASE")]


def test_a_pronoun_subject_with_a_bare_verb_may_be_indicative_and_is_no_mandate():
    assert "DEMAND" not in _types("Washington insists that they dismantle the arsenal.")


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("A Brazilian court ruled that the former president was immune from prosecution.", "BRA"),
        ("Italy's top court determined that the diplomats enjoyed immunity from arrest.", "ITA"),
        ("Kenya's attorney general decided that the officers would receive an amnesty.", "KEN"),
    ],
)
def test_ruling_that_someone_is_immune_offers_amnesty(sentence, source):
    assert countries(only(sentence, "AMNESTY_OFFER"), "source") == {source}


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("Ukraine told two Russian envoys to quit Kyiv by Friday.", "UKR", "RUS"),
        (
            "The Czech government asked 18 Russian diplomats to depart within 48 hours.",
            "CZE",
            "RUS",
        ),
        (
            "Moscow instructed the Estonian consul to leave the country within 72 hours.",
            "RUS",
            "EST",
        ),
    ],
)
def test_telling_diplomats_to_leave_expels_them(sentence, source, target):
    ev = only(sentence, "DIPLOMATIC_CUT")
    assert countries(ev, "source") == {source} and countries(ev, "target") == {target}
    assert "DEMAND" not in _types(sentence)


# --- words that undo or qualify the trigger ----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Israel pressed onward with plans for new settlements near Jerusalem.",
        "Turkey pressed forward with its offensive in Syria.",
        "Iran pressed ahead with talks with France.",
    ],
)
def test_pressing_ahead_with_something_is_going_on_with_it_not_a_demand(sentence):
    assert "DEMAND" not in _types(sentence)


def test_pressing_someone_without_an_onward_particle_is_a_demand():
    ev = only("Israel pressed Germany to help.", "DEMAND")
    assert countries(ev, "target") == {"DEU"}


@pytest.mark.parametrize(
    ("sentence", "expected", "not_expected"),
    [
        ("Putin signed a law de-ratifying the arms control treaty.", "OTHER_POLICY", "NEGOTIATE"),
        ("The Duma passed an anti-sanctions law on Tuesday.", None, "SANCTION_IMPOSE"),
        ("Russia imposed counter-sanctions on European food.", "SANCTION_IMPOSE", None),
        ("Ukrainian forces launched a counter-offensive in the south.", "MILITARY_ACTION", None),
    ],
)
def test_a_reversing_prefix_undoes_its_word_and_counter_does_not(sentence, expected, not_expected):
    found = _types(sentence)
    assert expected is None or expected in found
    assert not_expected not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The bank sold bonds to sanctioned Russian companies.",
        "The bank lent money to sanctioned Iranian banks.",
        "The company sent parts to sanctioned buyers in Russia.",
    ],
)
def test_dealing_with_sanctioned_parties_sanctions_no_one(sentence):
    assert "SANCTION_IMPOSE" not in _types(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Treasury announced a fine over embargo violations.",
        "The Justice Department announced a settlement over sanctions abuses by the bank.",
        "Commerce announced a penalty for tariff fraud by the importer.",
    ],
)
def test_a_measure_word_that_qualifies_a_charge_names_no_measure(sentence):
    assert "SANCTION_IMPOSE" not in _types(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Zambia suspended its ambassador to Ghana from duty.",
        "Seoul ended duty-free treatment for Japanese chemicals.",
        "Canada scrapped duty-free access for Russian wheat.",
    ],
)
def test_duty_free_or_a_bare_duty_is_no_duty_eased(sentence):
    assert "SANCTION_EASE" not in _types(sentence)


@pytest.mark.parametrize(
    ("sentence", "trigger", "target"),
    [
        (
            "After the tariffs on Mexico, Trump said he would remove them if migration fell.",
            "remove",
            "MEX",
        ),
        ("Britain renewed the embargo last year and has no plans to lift it.", "lift", None),
        (
            "Tokyo imposed duties on Korean chips in July and lifted them in December.",
            "lifted",
            None,
        ),
    ],
)
def test_a_pronoun_object_stands_for_a_measure_named_earlier_in_the_sentence(
    sentence, trigger, target
):
    eased = [
        e for e in events(sentence) if e.event_type in ("SANCTION_EASE", "SANCTION_RELIEF_OFFER")
    ]
    assert [e.trigger for e in eased] == [trigger]
    assert target is None or countries(eased[0], "target") == {target}


# --- who acts and on whom ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "senders"),
    [
        (
            "U.S. senators sent a letter to the Saudi ambassador urging Riyadh to release the "
            "activists.",
            "USA",
        ),
        (
            "The French government sent a message to Iran's foreign minister demanding the "
            "release of the hostages.",
            "FRA",
        ),
        (
            "Ten German lawmakers addressed a statement to the Turkish ambassador calling on "
            "Ankara to free the journalists.",
            "DEU",
        ),
    ],
)
def test_a_message_urging_an_act_urges_it_for_its_senders_not_its_addressee(sentence, senders):
    assert countries(only(sentence, "DEMAND"), "source") == {senders}


@pytest.mark.parametrize(
    ("sentence", "accuser"),
    [
        ("The company has been accused of breaking sanctions by U.S. prosecutors.", "USA"),
        ("The militia was accused of committing war crimes by a United Nations panel.", "UNO"),
        ("The general was charged with ordering the massacre by Kenyan prosecutors.", "KEN"),
    ],
)
def test_a_by_phrase_inside_a_passive_accusations_complement_is_the_accuser(sentence, accuser):
    assert countries(only(sentence, "ACCUSE"), "source") == {accuser}


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        (
            "The European Commission said that duties on Chinese steel would take effect in March.",
            "EUR",
            "CHN",
        ),
        (
            "Canada's finance minister announced the tariffs on American aluminum would kick in "
            "on July 1.",
            "CAN",
            "USA",
        ),
        (
            "Japan declared that restrictions on exports to South Korea would go into effect on "
            "Thursday.",
            "JPN",
            "KOR",
        ),
    ],
)
def test_a_measure_announced_to_take_effect_is_its_announcers_planned_imposition(
    sentence, source, target
):
    ev = only(sentence, "SANCTION_IMPOSE")
    assert countries(ev, "source") == {source} and countries(ev, "target") == {target}
    assert ev.modality == "planned"


@pytest.mark.parametrize(
    ("sentence", "event_type", "maker"),
    [
        (
            "Parliament adopted legislation that freezes the assets of Russian officials.",
            "SANCTION_IMPOSE",
            "parliament",
        ),
        (
            "The Senate passed a bill that imposes sanctions on Turkish officials.",
            "SANCTION_IMPOSE",
            "Senate",
        ),
        ("Erdogan lashed out in a speech that accused Israel of genocide.", "ACCUSE", "Erdoğan"),
        (
            "Macron used his harshest words yet in an interview that accused Moscow of meddling.",
            "ACCUSE",
            "Macron",
        ),
    ],
)
def test_a_law_acts_for_who_passes_it_and_a_speech_for_who_gives_it(sentence, event_type, maker):
    assert any(maker in name for name in _names(sentence, event_type, "source"))


@pytest.mark.parametrize(
    ("sentence", "event_type", "speaker"),
    [
        (
            "“We are expelling four of its diplomats. The regime has lied for years,” "
            "Britain's prime minister said.",
            "DIPLOMATIC_CUT",
            "GBR",
        ),
        (
            "“We will impose tariffs on Mexican cement on Friday. Nobody wants a trade war,” "
            "Trump said.",
            "SANCTION_IMPOSE",
            "USA",
        ),
        (
            "“We have imposed sanctions on Belarus. More will follow,” the Lithuanian foreign "
            "minister told reporters.",
            "SANCTION_IMPOSE",
            "LTU",
        ),
    ],
)
def test_we_opening_a_quote_is_the_speaker_named_where_it_closes(sentence, event_type, speaker):
    assert countries(only(sentence, event_type), "source") == {speaker}


@pytest.mark.parametrize(
    ("sentence", "event_type", "speaker"),
    [
        (
            "“Moscow has blamed me for the unrest,” the Georgian president said.",
            "ACCUSE",
            "Georgian president",
        ),
        (
            "“Beijing threatened us with sanctions,” Taiwan's president said.",
            "SANCTION_THREATEN",
            "Taiwan's president",
        ),
        (
            "“Washington is punishing us with tariffs,” the Turkish finance minister said.",
            "SANCTION_IMPOSE",
            "Turkish finance minister",
        ),
    ],
)
def test_me_or_us_in_a_quote_is_its_speaker_as_the_one_acted_on(sentence, event_type, speaker):
    assert speaker in _names(sentence, event_type, "target")


@pytest.mark.parametrize(
    ("sentence", "placed"),
    [
        ("The army installed General Burhan in the presidency.", "Abdel Fattah al-Burhan"),
        ("Parliament elevated Juan Guaido to the presidency.", "Juan Guaidó"),
        ("The military put Omar Suleiman in power on Sunday.", "Omar Suleiman"),
    ],
)
def test_whoever_is_put_in_office_is_who_takes_power(sentence, placed):
    assert _names(sentence, "ASSUME_POWER", "source") == {placed}


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("China leveled allegations of spying against the Canadian.", "CHN", "CAN"),
        ("Hungary made accusations of blackmail against the EU.", "HUN", "EUR"),
        ("Russia issued accusations of meddling against Britain.", "RUS", "GBR"),
    ],
)
def test_accusations_made_by_the_subject_are_its_accusations(sentence, source, target):
    ev = only(sentence, "ACCUSE")
    assert countries(ev, "source") == {source} and countries(ev, "target") == {target}


def test_accusations_rejected_are_no_accusation():
    assert "ACCUSE" not in _types("Britain rejected accusations of meddling from Russia.")


# --- phrasal verbs and nouns with their particle ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("The opposition called for fresh elections in Belarus.", "BLR"),
        ("Germany pressed for a ceasefire in Libya.", "DEU"),
        ("Kyiv pushed for a ceasefire in Donbas.", "UKR"),
    ],
)
def test_calling_or_pressing_for_something_is_a_demand(sentence, source):
    assert countries(only(sentence, "DEMAND"), "source") == {source}


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Canada called on Saudi Arabia to release the activists.", "SAU"),
        ("The Arab League called upon Israel to halt settlement building.", "ISR"),
        ("Pope Francis called upon Myanmar to end the violence against the Rohingya.", "MMR"),
        ("The Security Council called upon Ethiopia to allow aid into Tigray.", "ETH"),
    ],
)
def test_calling_on_or_upon_someone_is_a_demand_on_them(sentence, target):
    assert target in countries(only(sentence, "DEMAND"), "target")


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("The Kremlin insisted on a halt to NATO expansion.", "RUS"),
        ("Brazil's foreign minister insisted on talks with Caracas.", "BRA"),
        ("Beijing insists on an apology from Tokyo.", "CHN"),
    ],
)
def test_insisting_on_something_is_a_demand(sentence, source):
    assert countries(only(sentence, "DEMAND"), "source") == {source}


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Ashraf Ghani was sworn in as president on Monday.", "AFG"),
        ("Mexico's new president was sworn in on Saturday.", "MEX"),
        ("Alberto Fernandez was sworn in as Argentina's president on Tuesday.", "ARG"),
    ],
)
def test_being_sworn_in_is_taking_power(sentence, source):
    assert source in countries(only(sentence, "ASSUME_POWER"), "source")


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("China hit back with tariffs on American pork on Monday.", "CHN", "USA"),
        ("Moscow responded with a ban on Polish apples.", "RUS", "POL"),
        ("Ottawa retaliated with duties on U.S. steel.", "CAN", "USA"),
    ],
)
def test_answering_with_a_measure_imposes_it(sentence, source, target):
    ev = only(sentence, "SANCTION_IMPOSE")
    assert countries(ev, "source") == {source} and countries(ev, "target") == {target}


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("Macron's meeting with Putin on Monday lasted three hours.", "FRA", "RUS"),
        ("Merkel's talks with Erdogan in Ankara on Monday focused on refugees.", "DEU", "TUR"),
        ("Biden's summit with Xi in Bali on Monday ended without a deal.", "USA", "CHN"),
    ],
)
def test_a_meeting_or_talks_with_someone_is_negotiating_with_them(sentence, source, target):
    ev = only(sentence, "NEGOTIATE")
    assert countries(ev, "source") == {source} and target in countries(ev, "target")


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("Turkish troops pushed into northern Syria on Wednesday.", "TUR", "SYR"),
        ("Iraqi troops advanced into the city of Mosul last week.", "IRQ", "IRQ"),
        ("Ethiopian troops crossed into Somalia on Sunday.", "ETH", "SOM"),
    ],
)
def test_state_forces_moving_into_a_place_act_militarily(sentence, source, target):
    ev = only(sentence, "MILITARY_ACTION")
    assert countries(ev, "source") == {source} and countries(ev, "target") == {target}


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("Israel carried out raids on Gaza overnight.", "ISR", "PSE"),
        ("The Saudi-led coalition carried out airstrikes on Sanaa on Tuesday.", "SAU", "YEM"),
        ("Pakistani jets carried out strikes in Afghanistan on Tuesday.", "PAK", "AFG"),
    ],
)
def test_carrying_out_strikes_is_a_military_act(sentence, source, target):
    ev = only(sentence, "MILITARY_ACTION")
    assert countries(ev, "source") == {source} and countries(ev, "target") == {target}


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("The EU ratcheted up tariffs on American goods.", "EUR", "USA"),
        ("Washington stepped up its sanctions against Caracas on Friday.", "USA", "VEN"),
        ("London ratcheted up its sanctions on Moscow on Monday.", "GBR", "RUS"),
    ],
)
def test_stepping_up_a_measure_imposes_it(sentence, source, target):
    ev = only(sentence, "SANCTION_IMPOSE")
    assert countries(ev, "source") == {source} and countries(ev, "target") == {target}


@pytest.mark.parametrize(
    "sentence",
    [
        "France pushed for tougher sanctions on Iran.",
        "Japan pushed for a ban on whaling.",
        "Poland pushed for an oil embargo on Russia last week.",
    ],
)
def test_pushing_for_a_measure_demands_it_and_imposes_nothing(sentence):
    assert _types(sentence) == ["DEMAND"]
