"""The built-in content: every file loads, and says what pfsa-domain.md says."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pytest

from bolvaerk.content import LANGUAGES
from bolvaerk.content.catalogues import (
    CyberNeed,
    SvScope,
    asset_categories,
    competences,
    list_risk_models,
    list_threat_catalogues,
    load_risk_model,
    load_threat_catalogue,
    map_checklist,
    measure_catalogue,
    police_districts,
    risk_model_labels,
    ship_type_total,
    ship_types,
)
from bolvaerk.domain.enums import (
    AssetCategory,
    Colour,
    Consequence,
    Likelihood,
    MeasureType,
    Provenance,
)
from bolvaerk.domain.risk import RiskModel, rate

C = Consequence
L = Likelihood
SEVERITY = {Colour.GREY: 0, Colour.GREEN: 1, Colour.YELLOW: 2, Colour.ORANGE: 3, Colour.RED: 4}

# pfsa-domain.md §4.2, the PROPOSAL table: likelihood row -> colours for consequence 1..5
TS_DEFAULT_TABLE = {
    L.V: ("green", "yellow", "orange", "red", "red"),
    L.IV: ("green", "yellow", "orange", "orange", "red"),
    L.III: ("green", "green", "yellow", "orange", "orange"),
    L.II: ("grey", "green", "green", "yellow", "yellow"),
    L.I: ("grey", "grey", "green", "green", "green"),
}

PREPRINTED = (
    "damage_destruction",
    "hijacking_seizure",
    "cargo_tampering",
    "unauthorised_access",
    "smuggling_weapons",
    "ship_carries_attackers",
    "ship_as_weapon",
    "blockage",
    "nbc_attack",
    "cyber_attack",
)
CYBER_MEASURES = (
    "network_segregation",
    "patch_management",
    "backup",
    "password_policy",
    "rights_separation",
    "encryption",
    "antivirus",
    "firewall",
    "usb_control",
    "ids",
    "phishing_awareness",
)

# pfsa-domain.md §2.5, the Danish titles of skemas 5.1-5.15
SKEMA_TITLES = {
    "5.1": "Alle ejendomme og bygninger mv.",
    "5.2": "Risikovirksomheder",
    "5.3": "Perimetersikring, hegn og porte",
    "5.4": "Sikrings- og overvågningsudstyr samt sikrings- og overvågningssystemer",
    "5.5": "Radio- og telekommunikationssystemer, herunder computersystemer og -netværk samt "
    "cyber security",
    "5.6": "Trafikstyringssystemer for havnefartøjer og navigationshjælpemidler",
    "5.7": "Adgang fra landsiden",
    "5.8": "Adgang fra vandsiden",
    "5.9": "Gods- og lasthåndtering",
    "5.10": "Broer, jernbaner og veje",
    "5.11": "Kraftværker, rørledninger til overførsel af last og vandforsyning",
    "5.12": "Havnefartøjer",
    "5.13": "Andre arealer",
    "5.14": "Personale ved havnefaciliteten",
    "5.15": "Eksterne samarbejdspartnere og leverandører",
}


def assert_every_language(text: Mapping[str, str]) -> None:
    assert set(text) == set(LANGUAGES), text
    assert all(value.strip() for value in text.values()), text


# ---------------------------------------------------------------- risk models


def test_the_built_in_risk_models_are_listed():
    assert list_risk_models() == ["example-strict@1", "ts-default@1"]


@pytest.mark.parametrize("ref", ["ts-default@1", "example-strict@1"])
def test_every_built_in_model_loads_in_both_languages(ref):
    for lang in LANGUAGES:
        model = load_risk_model(ref, lang=lang)
        assert model.ref == ref
        labels = risk_model_labels(ref, lang)
        assert [level.code for level in labels.consequence_levels.values()] == [
            "1",
            "2",
            "3",
            "4",
            "5",
        ]
        assert [level.code for level in labels.likelihood_levels.values()] == [
            "I",
            "II",
            "III",
            "IV",
            "V",
        ]
        assert set(labels.colours) == set(Colour)


def test_ts_default_is_the_template_model():
    model = load_risk_model("ts-default@1")
    assert (model.name, model.version, model.is_default) == ("ts-default", "1", True)
    assert model.acceptable == {Colour.GREEN, Colour.GREY}
    assert model.provenance is Provenance.PROPOSAL


def test_a_name_without_version_is_its_latest_version():
    assert load_risk_model("ts-default").ref == "ts-default@1"


def test_ts_default_is_the_proposal_table_of_the_spec():
    model = load_risk_model("ts-default@1")
    for likelihood, colours in TS_DEFAULT_TABLE.items():
        row = tuple(model.cells[(consequence, likelihood)].colour.value for consequence in C)
        assert row == colours, likelihood


def test_only_the_two_cells_of_the_guide_are_sourced():
    model = load_risk_model("ts-default@1")
    sourced = {
        cell for cell, entry in model.cells.items() if entry.provenance is Provenance.SOURCED
    }
    assert sourced == {(C.SERIOUS, L.III), (C.SERIOUS, L.II)}
    assert model.cells[(C.SERIOUS, L.III)].colour is Colour.YELLOW
    assert model.cells[(C.SERIOUS, L.II)].colour is Colour.GREEN
    others = {entry.provenance for cell, entry in model.cells.items() if cell not in sourced}
    assert others == {Provenance.PROPOSAL}


def test_the_worked_example_rates_yellow_then_green():
    model = load_risk_model("ts-default@1")
    initial = rate(model, C.SERIOUS, L.III)
    residual = rate(model, C.SERIOUS, L.II)
    assert (initial.colour, initial.acceptable) == (Colour.YELLOW, False)
    assert (residual.colour, residual.acceptable) == (Colour.GREEN, True)


def test_ts_default_colour_counts():
    counts = Counter(cell.colour for cell in load_risk_model("ts-default@1").cells.values())
    assert counts == {
        Colour.GREY: 3,
        Colour.GREEN: 9,
        Colour.YELLOW: 5,
        Colour.ORANGE: 5,
        Colour.RED: 3,
    }


def severity(model: RiskModel, consequence: Consequence, likelihood: Likelihood) -> int:
    return SEVERITY[model.cells[(consequence, likelihood)].colour]


@pytest.mark.parametrize("ref", ["ts-default@1", "example-strict@1"])
def test_colour_never_gets_better_when_consequence_or_likelihood_rises(ref):
    model = load_risk_model(ref)
    consequences, likelihoods = list(C), list(L)
    for c_index, consequence in enumerate(consequences):
        for l_index, likelihood in enumerate(likelihoods):
            here = severity(model, consequence, likelihood)
            if c_index + 1 < len(consequences):
                assert severity(model, consequences[c_index + 1], likelihood) >= here
            if l_index + 1 < len(likelihoods):
                assert severity(model, consequence, likelihoods[l_index + 1]) >= here


def test_example_strict_is_stricter_and_described():
    strict = load_risk_model("example-strict@1")
    default = load_risk_model("ts-default@1")
    assert not strict.is_default
    assert strict.acceptable == {Colour.GREY}
    assert strict.cells[(C.SERIOUS, L.II)].colour is Colour.YELLOW
    for cell in default.cells:
        assert severity(strict, *cell) >= severity(default, *cell)
    assert {entry.provenance for entry in strict.cells.values()} <= {
        Provenance.PROPOSAL,
        Provenance.INFERRED,
    }
    assert load_risk_model("example-strict@1", lang="da").method_description.strip()
    assert load_risk_model("example-strict@1", lang="en").method_description.strip()


def test_ts_default_labels_in_danish_are_the_template_s():
    labels = risk_model_labels("ts-default@1", "da")
    assert labels.consequence_title == "Konsekvens"
    assert labels.likelihood_title == "Sandsynlighed"
    assert labels.consequence_dimensions == "Personer, økonomi, miljø, anseelse"
    assert labels.likelihood_dimensions == "Motivation, evne, kompleksitet, resurser"
    assert [level.label for level in labels.consequence_levels.values()] == [
        "Begrænset",
        "Moderat",
        "Alvorlig",
        "Meget alvorlig",
        "Kritisk",
    ]
    assert [level.label for level in labels.likelihood_levels.values()] == [
        "Meget usandsynlig",
        "Overvejende usandsynlig",
        "Sandsynlig",
        "Overvejende sandsynlig",
        "Meget sandsynlig",
    ]
    assert all(level.guidance for level in labels.consequence_levels.values())
    assert all(level.guidance for level in labels.likelihood_levels.values())
    assert labels.guidance_provenance is Provenance.PROPOSAL
    assert labels.colour(Colour.YELLOW) == "gul"


def test_ts_default_labels_in_english():
    labels = risk_model_labels("ts-default", "en")
    assert labels.consequence(C.SERIOUS) == "Serious"
    assert labels.likelihood(L.III) == "Likely"
    assert labels.colour(Colour.GREY) == "grey"


def test_a_model_without_colour_names_borrows_the_template_s():
    assert risk_model_labels("example-strict@1", "da").colours[Colour.RED] == "rød"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="de"):
        risk_model_labels("ts-default@1", "de")
    with pytest.raises(ValueError, match="de"):
        load_risk_model("ts-default@1", lang="de")


# ---------------------------------------------------------------- threats (6.1)


def test_the_threat_catalogue_has_the_ten_preprinted_threats_in_order():
    catalogue = load_threat_catalogue()
    assert (catalogue.ref, catalogue.provenance) == ("ts-threats@1", Provenance.PROPOSAL)
    assert list_threat_catalogues() == ["ts-threats@1"]
    assert tuple(threat.id for threat in catalogue.preprinted()) == PREPRINTED
    for threat in catalogue.preprinted():
        assert threat.provenance is Provenance.PROPOSAL
        for lang in LANGUAGES:
            assert catalogue.basis[lang][threat.id].strip(), threat.id
    assert all(catalogue.note[lang].strip() for lang in LANGUAGES)


def test_the_threat_flags():
    threats = load_threat_catalogue().by_id()
    assert {t.id for t in threats.values() if t.unauthorised_access} == {
        "unauthorised_access",
        "unauthorised_access_smuggling",
    }
    assert {t.id for t in threats.values() if t.cyber} == {"cyber_attack"}


def test_the_examples_of_the_guide_are_not_preprinted():
    catalogue = load_threat_catalogue("ts-threats")
    others = {t.id: t for t in catalogue.threats if not t.preprinted}
    assert set(others) == {
        "bomb_threat_ship",
        "unauthorised_access_smuggling",
        "insider",
        "activists_protest",
        "theft_vandalism",
        "illicit_observation",
    }
    assert others["bomb_threat_ship"].name == "Bombetrussel mod skib ved havnefaciliteten"
    assert others["unauthorised_access_smuggling"].name == (
        "Uautoriseret adgang med henblik på smugling af personer eller våben"
    )


def test_a_threat_catalogue_can_be_had_in_english():
    catalogue = load_threat_catalogue()
    english = catalogue.in_language("en")
    assert [t.id for t in english] == [t.id for t in catalogue.threats]
    assert english[-1].name == catalogue.threat_name(english[-1].id, "en")
    assert english[0].name.startswith("Damage to")
    assert catalogue.threats[0].name.startswith("Skade på")


# ---------------------------------------------------------------- measures (7.2.2)


def test_the_measure_catalogue():
    catalogue = measure_catalogue()
    assert catalogue.ref == "ts-measures@1"
    assert set(catalogue.types) == set(MeasureType)
    measures = catalogue.by_id()
    assert set(CYBER_MEASURES) <= {m.id for m in catalogue.cyber_measures()}
    assert measures["network_segregation"].type is MeasureType.CYBER_TECHNICAL
    assert measures["password_policy"].type is MeasureType.ORGANISATIONAL
    assert measures["phishing_awareness"].type is MeasureType.HUMAN
    for worked_example in ("gate_access_control", "motion_cameras", "patrol_4h", "permanent_guard"):
        assert worked_example in measures
    assert "restricted_area_dg" in measures
    assert {m.type for m in catalogue.measures} == set(MeasureType)
    for measure in catalogue.measures:
        assert_every_language(measure.name)
    for text in catalogue.types.values():
        assert_every_language(text.main)
        assert_every_language(text.label)


# ---------------------------------------------------------------- skemas 5.1-5.15


def test_the_asset_skemas_follow_the_template():
    skemas = asset_categories()
    assert list(skemas) == list(AssetCategory)
    assert {category.value: skema.title["da"] for category, skema in skemas.items()} == (
        SKEMA_TITLES
    )
    for skema in skemas.values():
        assert_every_language(skema.title)
        assert_every_language(skema.help)
        assert skema.examples["da"]
        assert len(skema.examples["da"]) == len(skema.examples["en"])


def test_the_s_and_v_defaults_of_the_guide():
    skemas = asset_categories()
    defaults = {
        category.value: (
            skema.sv_default.applies_to,
            skema.sv_default.always,
            skema.sv_default.rule,
        )
        for category, skema in skemas.items()
        if skema.sv_default is not None
    }
    assert defaults == {
        "5.1": (SvScope.PORT_OFFICE, False, "R-5-05"),
        "5.2": (SvScope.ALL, True, "R-5-06"),
        "5.9": (SvScope.DANGEROUS_GOODS, True, "R-5-07"),
        "5.11": (SvScope.ELECTRICITY_CLASS_1, True, "R-5-08"),
    }
    cyber = {c.value: s.cyber for c, s in skemas.items() if s.cyber is not CyberNeed.NONE}
    assert cyber == {"5.5": CyberNeed.REQUIRED, "5.6": CyberNeed.OPTIONAL}
    assert len(skemas[AssetCategory.PERSONNEL].questions["da"]) == 7
    assert len(skemas[AssetCategory.EXTERNAL_PARTNERS].questions["en"]) == 6


# ---------------------------------------------------------------- pick-lists


def test_the_ship_types_of_skema_2_3_1():
    rows = {row.key: row for row in ship_types()}
    assert list(rows) == [
        "passenger",
        "cruise",
        "ro_ro_passenger",
        "tanker",
        "bulk",
        "container",
        "ro_ro_cargo",
        "general_cargo_other",
        "high_speed_cargo",
        "mobile_offshore",
        "other_non_isps",
    ]
    other = rows["other_non_isps"]
    assert other.label["da"] == "Andre skibstyper, herunder ikke ISPS-skibe"
    assert (other.provenance, other.needs_description) == (Provenance.SOURCED, True)
    assert {row.provenance for row in rows.values() if row is not other} == {Provenance.PROPOSAL}
    assert rows["cruise"].subset_of == "passenger"
    assert ship_type_total()["da"] == "Total"


def test_the_police_districts():
    districts = police_districts()
    assert len(districts) == 12
    assert len({district.key for district in districts}) == 12
    assert "Bornholms Politi" in {district.name["da"] for district in districts}
    assert {district.provenance for district in districts} == {Provenance.PROPOSAL}


def test_the_map_checklist_of_r_2_02():
    elements = {element.key: element for element in map_checklist()}
    assert list(elements) == [
        "port_location_boundary",
        "facility_location_boundary",
        "land_water_access",
        "port_layout",
        "port_security_equipment",
        "port_other",
        "facility_layout",
        "facility_equipment",
        "facility_other",
        "boundary_sea_land",
        "restricted_areas",
    ]
    assert elements["port_layout"].skemas == ("2.1",)
    assert elements["restricted_areas"].skemas == ("2.2",)
    assert elements["facility_location_boundary"].skemas == ("2.1", "2.2")


def test_the_isps_b18_competence_lists():
    lists = {competence_list.clause: competence_list for competence_list in competences()}
    assert {clause: len(lst.items) for clause, lst in lists.items()} == {
        "B/18.1": 20,
        "B/18.2": 10,
        "B/18.3": 4,
    }
    assert {lst.provenance for lst in lists.values()} == {Provenance.PROPOSAL}
    assert "weapons_recognition" in lists["B/18.3"].by_id()


def test_every_catalogue_entry_has_danish_and_english():
    texts: list[Mapping[str, str]] = []
    catalogue = load_threat_catalogue()
    texts += [{lang: catalogue.names[lang][t.id] for lang in LANGUAGES} for t in catalogue.threats]
    texts += [measure.name for measure in measure_catalogue().measures]
    texts += [skema.title for skema in asset_categories().values()]
    texts += [row.label for row in ship_types()]
    texts += [district.name for district in police_districts()]
    texts += [element.label for element in map_checklist()]
    texts += [item.name for lst in competences() for item in lst.items]
    texts += [lst.title for lst in competences()]
    for text in texts:
        assert_every_language(text)
