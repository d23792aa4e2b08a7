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
import json
import tempfile
from pathlib import Path

import jsonschema

from bolvaerk.adapters.file import assessment_schema, load_assessment
from bolvaerk.adapters.file.io import dump_yaml, read_document
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.domain.rules import validate
from bolvaerk.services.context import rule_context
from synthetic import SIZES, best_of, synthetic  # benchmarks/ is on sys.path when run as a script


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
