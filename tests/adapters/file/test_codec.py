"""The file codec: plain data <-> domain, with coded, path-named problems."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from bolvaerk.adapters.file import LoadError, decode, encode
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import Likelihood
from tests.casework import base_document


def _problems(document: Any) -> list[tuple[str, str]]:
    with pytest.raises(LoadError) as raised:
        decode(Assessment, document)
    return [(p.code, p.path) for p in raised.value.problems]


def test_a_base_round_trips_without_loss() -> None:
    document = base_document("pfsa-small")
    assessment = decode(Assessment, document)
    assert encode(assessment) == document
    assert decode(Assessment, encode(assessment)) == assessment


def test_the_psa_base_round_trips() -> None:
    document = base_document("psa-small")
    assert encode(decode(Assessment, document)) == document


def test_values_become_domain_types() -> None:
    a = decode(Assessment, base_document("pfsa-small"))
    assert a.front_page.completed == date(2021, 5, 20)
    assert a.sections.risk.forms[0].likelihood is Likelihood.III
    assert a.front_page.cvr == "29384703"


def test_a_bad_date_names_the_field_and_rule_r_fp_03() -> None:
    document = base_document("pfsa-small")
    document["sections"]["7"]["forms"][2]["date"] = "31-02-2021"
    document["front_page"]["completed"] = date(2021, 5, 20)  # unquoted ISO in YAML
    with pytest.raises(LoadError) as raised:
        decode(Assessment, document)
    found = {(p.code, p.path, p.variant, p.params["value"]) for p in raised.value.problems}
    assert found == {
        ("R-FP-03", "sections.7.forms[2].date", "format", "31-02-2021"),
        ("R-FP-03", "front_page.completed", "format", "2021-05-20"),
    }


def test_wrong_shapes_are_reported_with_paths_all_at_once() -> None:
    document = base_document("pfsa-small")
    document["front_page"]["activities"] = "passengers"
    document["front_page"]["colour"] = "red"
    document["sections"]["5"]["items"][0]["vulnerable"] = "yes"
    document["sections"]["7"]["forms"][0]["likelihood"] = "VI"
    document["sections"]["4"]["persons_total"] = True
    del document["sections"]["7"]["forms"][1]["item"]
    assert sorted(_problems(document)) == [
        ("FILE-CHOICE", "sections.7.forms[0].likelihood"),
        ("FILE-MISSING-FIELD", "sections.7.forms[1].item"),
        ("FILE-TYPE", "front_page.activities"),
        ("FILE-TYPE", "sections.4.persons_total"),
        ("FILE-TYPE", "sections.5.items[0].vulnerable"),
        ("FILE-UNKNOWN-FIELD", "front_page.colour"),
    ]


def test_the_document_must_be_a_mapping() -> None:
    assert _problems(["not", "a", "mapping"]) == [("FILE-TYPE", "(document)")]


def test_duplicate_and_malformed_ids_are_problems_not_crashes() -> None:
    document = base_document("pfsa-small")
    document["sections"]["5"]["items"][1]["id"] = "item-port-office"
    assert _problems(document) == [("ID-DUPLICATE", "sections.5.items[1].id")]
    document = base_document("pfsa-small")
    document["sections"]["5"]["items"][1]["id"] = "bad id"
    assert _problems(document) == [("ID-INVALID", "sections.5.items[1].id")]


def test_friendly_readings_of_hand_written_yaml() -> None:
    document = base_document("pfsa-small")
    document["front_page"]["cvr"] = 29384703  # unquoted number for a text field
    document["front_page"]["major_changes"] = None  # a bare key for an empty list
    document["sections"][4] = document["sections"].pop("4")  # unquoted section number
    document["sections"]["2"]["traffic"][0]["quantity"] = 150000  # int for a number
    a = decode(Assessment, document)
    assert a.front_page.cvr == "29384703"
    assert a.front_page.major_changes == ()
    assert a.sections.organisation.persons_total == 25
    assert a.sections.description.traffic[0].quantity == 150000.0


def test_the_number_of_problems_is_capped() -> None:
    document = base_document("pfsa-small")
    document["front_page"] = {f"unknown_{i}": i for i in range(80)}
    assert len(_problems(document)) == 50


def test_booleans_are_not_numbers_and_enums_reject_booleans() -> None:
    document = copy.deepcopy(base_document("pfsa-small"))
    document["sections"]["7"]["forms"][0]["consequence"] = True
    assert _problems(document) == [("FILE-CHOICE", "sections.7.forms[0].consequence")]


def test_encode_refuses_unknown_values() -> None:
    with pytest.raises(TypeError):
        encode(object())
