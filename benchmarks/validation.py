"""Benchmark: load + full rule validation of synthetic assessments, against a plain jsonschema
validation of the same file as the baseline, measured in the same run.

    .venv/bin/python benchmarks/validation.py [--repeat 5]

Sizes: 100, 300, 900 and 2,700 crosses (risk forms). Both sides read and parse the same JSON
file; the baseline then runs jsonschema (Draft 2020-12, our published schema, validator built
once), we decode into the domain and run every rule. Target: ours <= 2x the baseline and linear
growth (time per cross roughly constant). The last two columns load the same assessment from
YAML instead (informative: libyaml parsing dominates). Times are the minimum of --repeat runs.
"""

from __future__ import annotations

import argparse
import copy
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from bolvaerk.adapters.file import assessment_schema, load_assessment
from bolvaerk.adapters.file.io import dump_yaml, read_document
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.domain.rules import validate
from bolvaerk.services.context import rule_context

BASE = Path(__file__).resolve().parent.parent / "tests" / "cases" / "bases" / "pfsa-small.yaml"
SIZES = (100, 300, 900, 2700)
THREATS_PER_ITEM = 10


def synthetic(crosses: int) -> dict[str, Any]:
    """The small base grown to `crosses` forms: crosses/10 S+V items x 10 relevant threats."""
    document = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    sections = document["sections"]
    for threat in sections["6"]["threats"]:
        threat["relevant"] = True
    threats = [t["id"] for t in sections["6"]["threats"]][:THREATS_PER_ITEM]
    template_item = sections["5"]["items"][1]
    template_form = sections["7"]["forms"][0]
    items, forms = [], []
    for i in range(crosses // THREATS_PER_ITEM):
        item = copy.deepcopy(template_item)
        item["id"] = f"item-{i:05d}"
        item["name"] = f"Areal {i}"
        items.append(item)
        for threat in threats:
            form = copy.deepcopy(template_form)
            form["id"] = f"form-{len(forms) + 1:05d}"
            form["number"] = len(forms) + 1
            form["item"], form["threat"] = item["id"], threat
            forms.append(form)
    sections["5"]["items"] = [sections["5"]["items"][0], *items]  # keep the port office
    office_forms = [f for f in sections["7"]["forms"] if f["item"] == "item-port-office"]
    for form in office_forms:
        form["number"] = len(forms) + 1
        forms.append(form)
    sections["7"]["forms"] = forms
    sections["8"]["edits"] = []
    return document


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    validator = jsonschema.Draft202012Validator(assessment_schema(AssessmentKind.PFSA))
    header = (
        "crosses",
        "jsonschema",
        "bolvaerk",
        "ratio",
        "µs/cross",
        "findings",
        "from YAML",
        "ratio",
    )
    print("{:>8} {:>11} {:>10} {:>6} {:>9} {:>9} {:>11} {:>5}".format(*header))
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            document = synthetic(size)
            path = Path(folder) / f"synthetic-{size}.json"
            path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            yaml_path = path.with_suffix(".yaml")
            yaml_path.write_text(dump_yaml(document), encoding="utf-8")

            def baseline(path: Path = path) -> object:
                validator.validate(read_document(path))
                return None

            def ours_yaml(path: Path = yaml_path) -> object:
                assessment = load_assessment(path)
                return validate(assessment, rule_context(assessment))

            def ours(path: Path = path) -> object:
                assessment = load_assessment(path)
                return validate(assessment, rule_context(assessment))

            ours()  # warm the content caches once, as a running service would
            findings = ours()
            base_time = best_of(args.repeat, baseline)
            our_time = best_of(args.repeat, ours)
            yaml_time = best_of(args.repeat, ours_yaml)
            assert isinstance(findings, tuple)
            errors = sum(1 for f in findings if f.severity.value == "error")
            print(
                f"{size:>8} {base_time * 1000:>9.1f}ms {our_time * 1000:>8.1f}ms "
                f"{our_time / base_time:>6.2f} {our_time / size * 1e6:>9.1f} {errors:>4} err "
                f"{yaml_time * 1000:>9.1f}ms {yaml_time / base_time:>5.2f}"
            )


if __name__ == "__main__":
    main()
