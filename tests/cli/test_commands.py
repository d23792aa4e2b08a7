"""The command line as a user calls it (Typer's runner, real files in tmp_path)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bolvaerk.cli.main import app
from bolvaerk.domain.rules import ALL_RULES
from bolvaerk.services.assessments import EXAMPLE_ANNEXES

runner = CliRunner()


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200", **(env or {})})
    return result.exit_code, result.output


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "example.yaml"
    assert run("new", "pfsa", "--example", "-o", target)[0] == 0
    return target


def test_new_writes_a_skeleton_with_every_section(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    code, output = run("new", "pfsa", "-o", target, "--lang", "en")
    assert (code, output.strip()) == (0, f"Wrote {target}.")
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert list(document["sections"]) == [str(n) for n in range(1, 9)]
    threats = document["sections"]["6"]["threats"]
    assert len(threats) == 10
    assert all(t["relevant"] is None for t in threats)
    assert document["sections"]["5"]["items"][0]["port_office"] is True
    assert run("validate", target)[0] == 1  # an empty skeleton has errors to fill


def test_new_skeleton_in_english_names_threats_in_english(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    assert run("new", "psa", "-o", target, "--lang", "en")[0] == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["kind"] == "psa"
    assert document["meta"]["language"] == "en"
    assert document["sections"]["5"]["items"][0]["name"] == "Port office"


def test_new_refuses_to_overwrite_without_force(example: Path) -> None:
    code, output = run("new", "pfsa", "-o", example, "--lang", "en")
    assert code == 2
    assert "exists already" in output
    assert run("new", "pfsa", "-o", example, "--force")[0] == 0


def test_the_example_is_clean(example: Path) -> None:
    code, output = run("validate", example, "--lang", "en")
    assert code == 0, output
    assert "0 errors" in output
    code, output = run("validate", example, "--format", "json")
    # the annex files (maps, org charts) and the logo are written beside the example
    assert (code, json.loads(output)) == (0, [])


def test_new_example_writes_its_annex_files_and_logo_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "out" / "example.yaml"
    code, output = run("new", "pfsa", "--example", "-o", target, "--lang", "en")
    assert code == 0, output
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    named = {annex["file"] for annex in document["annexes"]} | {document["front_page"]["logo"]}
    assert "rso-logo.png" in named
    assert {p.name for p in target.parent.iterdir()} == named | {target.name}
    for name in named:
        assert (target.parent / name).read_bytes() == (EXAMPLE_ANNEXES / name).read_bytes()
        assert f"Wrote {target.parent / name}." in output
    assert (target.parent / "rso-logo.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_new_example_keeps_an_existing_different_annex_file(tmp_path: Path) -> None:
    own_map = tmp_path / "bilag-1-oversigtskort-fjordby-havn.svg"
    own_map.write_bytes(b"<svg>our own map</svg>")
    target = tmp_path / "example.yaml"
    code, output = run("new", "pfsa", "--example", "-o", target, "--lang", "en")
    assert code == 0, output
    assert own_map.read_bytes() == b"<svg>our own map</svg>"
    assert f"Wrote {own_map}." not in output
    assert (tmp_path / "bilag-4-organisation.svg").is_file()
    # --force overwrites the assessment file, never the annex files beside it
    assert run("new", "pfsa", "--example", "-o", target, "--force")[0] == 0
    assert own_map.read_bytes() == b"<svg>our own map</svg>"


def test_new_defects_writes_the_files_of_the_defects_example(tmp_path: Path) -> None:
    target = tmp_path / "defects.yaml"
    assert run("new", "pfsa", "--defects", "-o", target)[0] == 0
    assert (tmp_path / "rso-logo.png").is_file()
    assert (tmp_path / "bilag-6-situationsplan-depot.svg").is_file()
    code, output = run("validate", target, "--format", "json", "--lang", "en")
    assert code == 1  # the deliberate defects, but no missing annex file or logo
    assert not [f for f in json.loads(output) if f["variant"] == "file_missing"]


def test_new_skeleton_writes_no_example_files(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    assert run("new", "pfsa", "-o", target)[0] == 0
    assert [p.name for p in tmp_path.iterdir()] == ["new.yaml"]


def test_the_defects_example_shows_findings(tmp_path: Path) -> None:
    target = tmp_path / "defects.yaml"
    assert run("new", "pfsa", "--defects", "-o", target)[0] == 0
    assert "# DEFECT" in target.read_text(encoding="utf-8")
    code, output = run("validate", target, "--format", "json", "--lang", "en")
    findings = json.loads(output)
    assert code == 1
    assert {"R-7-08", "R-5-10", "R-1-03", "R-FP-07", "R-FP-02", "R-2-04"} <= {
        f["code"] for f in findings
    }
    for finding in findings:
        assert set(finding) >= {"code", "severity", "path", "message"}
        assert "{" not in finding["message"], finding


def test_broken_yaml_is_unusable_with_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nfront_page:\n  port: [Fjordby\n  facility: y\n", encoding="utf-8")
    code, output = run("validate", broken, "--format", "json", "--lang", "en")
    (problem,) = json.loads(output)
    assert code == 2
    assert problem["code"] == "FILE-SYNTAX"
    assert problem["line"] >= 3
    assert "line" in problem["message"]
    code, output = run("validate", broken, "--lang", "da")
    assert code == 2
    assert "linje" in output
    assert "Traceback" not in output


def test_a_file_of_the_wrong_shape_names_the_fields(tmp_path: Path, example: Path) -> None:
    document = yaml.safe_load(example.read_text(encoding="utf-8"))
    document["sections"]["7"]["forms"][0]["likelihood"] = "VI"
    document["front_page"]["havn"] = "Fjordby"
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    code, output = run("validate", wrong, "--format", "json", "--lang", "en")
    assert code == 2
    problems = {(p["code"], p["path"]) for p in json.loads(output)}
    assert problems == {
        ("FILE-CHOICE", "sections.7.forms[0].likelihood"),
        ("FILE-UNKNOWN-FIELD", "front_page.havn"),
    }


def test_a_bad_date_names_the_field_and_rule(tmp_path: Path, example: Path) -> None:
    text = example.read_text(encoding="utf-8").replace("date: 01-05-2021", "date: 31-04-2021", 1)
    bad = tmp_path / "bad-date.yaml"
    bad.write_text(text, encoding="utf-8")
    code, output = run("validate", bad, "--lang", "en")
    assert code == 2
    assert "R-FP-03" in output
    assert "sections.7.forms[0].date" in output
    assert "“31-04-2021” is not a valid date in the format dd-mm-yyyy" in output


def test_a_missing_file_is_unusable(tmp_path: Path) -> None:
    code, output = run("validate", tmp_path / "nope.yaml", "--lang", "en")
    assert code == 2
    assert "does not exist" in output


def test_an_unknown_risk_model_is_r_7_11(tmp_path: Path, example: Path) -> None:
    text = example.read_text(encoding="utf-8").replace("ts-default@1", "ts-default@9")
    other = tmp_path / "other.yaml"
    other.write_text(text, encoding="utf-8")
    code, output = run("validate", other, "--format", "json", "--lang", "en")
    assert code == 1
    assert "R-7-11" in [p["code"] for p in json.loads(output)]


def test_an_unknown_threat_catalogue_is_unusable(tmp_path: Path, example: Path) -> None:
    text = example.read_text(encoding="utf-8").replace("ts-threats@1", "other-threats@1")
    other = tmp_path / "other.yaml"
    other.write_text(text, encoding="utf-8")
    code, output = run("validate", other, "--format", "json", "--lang", "en")
    assert code == 2
    (problem,) = json.loads(output)
    assert problem["code"] == "FILE-UNKNOWN-CATALOGUE"
    assert "ts-threats@1" in problem["message"]


def test_a_user_model_in_bolvaerk_home(tmp_path: Path) -> None:
    models = tmp_path / "home" / "models"
    models.mkdir(parents=True)
    builtin = Path(__file__).parents[2] / "src/bolvaerk/content/risk_models/example-strict@1.yaml"
    user = builtin.read_text(encoding="utf-8").replace("example-strict", "our-model")
    (models / "our-model@1.yaml").write_text(user, encoding="utf-8")
    env = {"BOLVAERK_HOME": str(tmp_path / "home")}
    code, output = run(
        "risk", "-c", "3", "-l", "II", "--model", "our-model", "--lang", "en", env=env
    )
    assert code == 0, output
    assert "our-model@1" in output


def test_risk_of_the_worked_example_cells() -> None:
    code, output = run("risk", "--consequence", "3", "--likelihood", "III", "--lang", "en")
    assert code == 0
    assert "yellow" in output
    assert "not acceptable" in output
    assert "comes from the authority's guide" in output
    code, output = run("risk", "-c", "3", "-l", "ii", "--lang", "da")
    assert code == 0
    assert "grøn" in output
    assert "acceptabel" in output


def test_risk_marks_proposal_cells_and_other_models() -> None:
    code, output = run("risk", "-c", "5", "-l", "V", "--lang", "en")
    assert (code, "red" in output, "PROPOSAL" in output) == (0, True, True)
    code, output = run("risk", "-c", "3", "-l", "II", "--model", "example-strict", "--lang", "en")
    assert (code, "not acceptable" in output) == (0, True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-c", "6", "-l", "I"), "--consequence must be 1-5"),
        (("-c", "x", "-l", "I"), "--consequence must be 1-5"),
        (("-c", "3", "-l", "VI"), "--likelihood must be I, II, III, IV or V"),
        (("-c", "3", "-l", "I", "--model", "nope"), "does not exist; known models"),
    ],
)
def test_risk_rejects_bad_input_clearly(args: tuple[str, ...], message: str) -> None:
    code, output = run("risk", *args, "--lang", "en")
    assert code == 2
    assert message in output


def test_grid_shows_the_crosses(example: Path) -> None:
    code, output = run("grid", example, "--lang", "en")
    assert code == 0
    assert "Opmarch område til løstrailere" in output
    assert "39 crosses = 39 risk assessments" in output


def test_grid_of_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "b.yaml"
    broken.write_text("[", encoding="utf-8")
    assert run("grid", broken)[0] == 2


def test_renew_and_diff(tmp_path: Path, example: Path) -> None:
    renewal = tmp_path / "renewal.yaml"
    code, output = run("renew", example, "-o", renewal, "--lang", "en")
    assert code == 0, output
    assert "39 risk assessments are marked for re-assessment" in output
    code, output = run("diff", example, renewal, "--format", "json")
    changes = {(c["path"], c["new"]) for c in json.loads(output)}
    assert ("front_page.pfsa_approved", "01-08-2021") in changes  # the approval carried
    assert ("sections.7.forms[form-001].needs_reassessment", "True") in changes
    code, output = run("diff", example, renewal, "--lang", "en")
    assert "changed" in output
    assert "added" in output or "removed" in output or "changed" in output
    assert run("diff", example, example, "--lang", "en")[1].strip() == "No changes."
    code, output = run("grid", renewal)
    assert "1*" in output  # marked for re-assessment


def test_renew_refuses_a_draft_and_a_broken_file(tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    run("new", "pfsa", "-o", draft)
    code, output = run("renew", draft, "-o", tmp_path / "r.yaml", "--lang", "en")
    assert code == 2
    assert "Only an approved assessment can be renewed" in output
    broken = tmp_path / "b.yaml"
    broken.write_text("id: [", encoding="utf-8")
    assert run("renew", broken, "-o", tmp_path / "r2.yaml")[0] == 2
    assert run("diff", broken, draft)[0] == 2


def test_rules_lists_every_rule() -> None:
    code, output = run("rules", "--format", "json", "--lang", "en")
    rules = json.loads(output)
    assert code == 0
    assert len(rules) == len(ALL_RULES)
    r708 = next(r for r in rules if r["code"] == "R-7-08")
    assert r708["severity"] == "error"
    assert r708["section"]
    assert r708["source"].startswith("SEED")
    code, output = run("rules", "--lang", "da")
    assert "R-FP-01" in output
    assert "R-PSA-01" in output


def test_schema_is_json_schema(tmp_path: Path) -> None:
    code, output = run("schema", "pfsa")
    assert code == 0
    assert json.loads(output)["properties"]["kind"] == {"const": "pfsa"}
    target = tmp_path / "psa.schema.json"
    assert run("schema", "psa", "-o", target)[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"].startswith("PSA")


def test_demo_writes_the_examples_and_shows_grid_and_findings(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, output = run("demo", "--no-serve", "--lang", "en", env={"BOLVAERK_HOME": str(home)})
    assert code == 0, output
    names = {p.name for p in home.iterdir()}
    assert {"pfsa-defects.yaml", "pfsa-example.yaml", "psa-example.yaml"} <= names
    # the examples' annex files and logo lie beside them
    assert {p.name for p in EXAMPLE_ANNEXES.iterdir()} <= names
    assert {"rso-logo.png", "bilag-1-havnegraense-fjordby-havn.svg"} <= names
    assert "Table 6.2.1" in output
    assert "0 errors" in output


def test_language_comes_from_the_environment(example: Path) -> None:
    assert "No errors." in run("validate", example, env={"BOLVAERK_LANG": "en"})[1]
    assert "Ingen fejl." in run("validate", example, env={"BOLVAERK_LANG": "da"})[1]


def test_risk_matrix_marks_every_proposal_cell() -> None:
    code, output = run("risk", "--matrix", "--lang", "en")
    assert code == 0
    assert output.count("*") == 23 + 1  # 23 PROPOSAL cells and the legend
    assert "Acceptable: green, grey" in output or "Acceptable: grey, green" in output
    assert run("risk", "--matrix", "--model", "nope")[0] == 2


def test_risk_needs_a_cell_or_the_matrix() -> None:
    code, output = run("risk", "-c", "3", "--lang", "en")
    assert code == 2
    assert "or --matrix" in output
