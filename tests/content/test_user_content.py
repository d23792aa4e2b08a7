"""User risk models and catalogues in extra directories: found, and refused when malformed."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from bolvaerk.content import CONTENT_DIR
from bolvaerk.content.catalogues import (
    list_risk_models,
    load_risk_model,
    load_threat_catalogue,
    risk_model_labels,
)
from bolvaerk.content.loading import ContentError
from bolvaerk.domain.enums import Colour, Consequence, Likelihood

EXAMPLE = CONTENT_DIR / "risk_models" / "example-strict@1.yaml"


def model_document(name: str = "my-model", version: str = "1") -> dict[str, object]:
    document: dict[str, object] = copy.deepcopy(yaml.safe_load(EXAMPLE.read_text("utf-8")))
    document.update(name=name, version=version)
    return document


def write_model(folder: Path, document: dict[str, object], file_name: str = "") -> Path:
    path = folder / (file_name or f"{document['name']}@{document['version']}.yaml")
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def matrix(document: dict[str, object]) -> dict[str, dict[int, object]]:
    rows = document["matrix"]
    assert isinstance(rows, dict)
    return rows


def test_a_model_in_an_extra_directory_is_listed_and_loaded(tmp_path):
    write_model(tmp_path, model_document())
    assert "my-model@1" in list_risk_models((tmp_path,))
    assert "my-model@1" not in list_risk_models()
    model = load_risk_model("my-model@1", (tmp_path,))
    assert model.ref == "my-model@1"
    assert not model.is_default
    assert model.method_description.startswith("Risikoen vurderes")
    assert model.cells[(Consequence.SERIOUS, Likelihood.II)].colour is Colour.YELLOW


def test_the_latest_version_is_found_across_directories(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    write_model(first, model_document(version="1"))
    later = model_document(version="10")
    matrix(later)["I"][1] = "green"
    write_model(second, later)
    model = load_risk_model("my-model", (first, second))
    assert model.ref == "my-model@10"
    assert model.cells[(Consequence.LIMITED, Likelihood.I)].colour is Colour.GREEN


def test_an_unknown_ref_names_what_exists(tmp_path):
    write_model(tmp_path, model_document())
    with pytest.raises(ContentError) as raised:
        load_risk_model("other@1", (tmp_path,))
    assert "other@1" in str(raised.value)
    assert "example-strict@1, my-model@1, ts-default@1" in str(raised.value)


def test_a_user_model_borrows_the_template_s_labels(tmp_path):
    document = model_document()
    del document["scales"]
    write_model(tmp_path, document)
    labels = risk_model_labels("my-model@1", "da", (tmp_path,))
    assert labels.consequence(Consequence.CRITICAL) == "Kritisk"
    assert labels.method_description.startswith("Risikoen vurderes")


def test_an_edited_user_model_is_read_again(tmp_path):
    document = model_document()
    write_model(tmp_path, document)
    assert load_risk_model("my-model@1", (tmp_path,)).acceptable == {Colour.GREY}
    document["acceptable"] = ["grey", "green"]
    write_model(tmp_path, document)
    assert load_risk_model("my-model@1", (tmp_path,)).acceptable == {Colour.GREY, Colour.GREEN}


def broken(change: str) -> dict[str, object]:
    document = model_document()
    if change == "missing cell":
        del matrix(document)["III"][4]
    elif change == "unknown colour":
        matrix(document)["II"][3] = "purple"
    elif change == "missing language":
        document["title"] = {"da": "Kun dansk"}
    elif change == "unknown key":
        document["colour"] = "red"
    elif change == "no method":
        del document["method_description"]
    elif change == "claims to be the default":
        document["is_default"] = True
    elif change == "bad acceptable":
        document["acceptable"] = ["grey", "grey"]
    return document


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        ("missing cell", "matrix.III", "missing key(s) 4"),
        ("unknown colour", "matrix.II.3", "'purple'"),
        ("missing language", "title", "every language"),
        ("unknown key", "(top level)", "unknown key(s) colour"),
        ("no method", "(top level)", "R-7-11"),
        ("claims to be the default", "is_default", "built-in"),
        ("bad acceptable", "acceptable", "twice"),
    ],
)
def test_a_malformed_model_names_the_file_and_the_key(tmp_path, change, key, problem):
    path = write_model(tmp_path, broken(change))
    with pytest.raises(ContentError) as raised:
        load_risk_model("my-model@1", (tmp_path,))
    message = str(raised.value)
    assert message.startswith(f"{path}: {key}: "), message
    assert problem in message


def test_invalid_yaml_names_the_file(tmp_path):
    path = tmp_path / "my-model@1.yaml"
    path.write_text("name: my-model\nmatrix: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match="cannot be read as YAML") as raised:
        load_risk_model("my-model@1", (tmp_path,))
    assert str(path) in str(raised.value)


def test_a_key_given_twice_is_refused(tmp_path):
    path = write_model(tmp_path, model_document())
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "acceptable: [green]\n", encoding="utf-8")
    with pytest.raises(ContentError, match="acceptable: the key appears twice"):
        load_risk_model("my-model@1", (tmp_path,))


def test_the_name_inside_must_match_the_file_name(tmp_path):
    write_model(tmp_path, model_document(name="other"), file_name="my-model@1.yaml")
    with pytest.raises(ContentError, match="says other@1 inside"):
        load_risk_model("my-model@1", (tmp_path,))


def test_a_file_not_named_name_at_version_is_refused(tmp_path):
    write_model(tmp_path, model_document(), file_name="My Model.yaml")
    with pytest.raises(ContentError, match=r"My Model\.yaml: content files are named"):
        list_risk_models((tmp_path,))


def test_a_user_model_cannot_shadow_a_built_in_one(tmp_path):
    write_model(tmp_path, model_document(name="ts-default"))
    with pytest.raises(ContentError, match=r"ts-default@1 is also defined by risk_models/"):
        load_risk_model("ts-default@1", (tmp_path,))


def test_a_missing_directory_is_refused(tmp_path):
    with pytest.raises(ContentError, match="not a directory"):
        list_risk_models((tmp_path / "nowhere",))


def test_a_user_threat_catalogue_with_a_duplicate_id_is_refused(tmp_path):
    source = CONTENT_DIR / "threats" / "ts-threats@1.yaml"
    document = yaml.safe_load(source.read_text(encoding="utf-8"))
    document["name"] = "my-threats"
    document["threats"].append(dict(document["threats"][0]))
    path = tmp_path / "my-threats@1.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_threat_catalogue("my-threats@1", (tmp_path,))
    assert str(raised.value).startswith(f"{path}: threats[16]: duplicate id 'damage_destruction'")
