"""The rule registry: unique codes, declared variants, headline severities."""

from __future__ import annotations

import re

from bolvaerk.domain.enums import Severity
from bolvaerk.domain.rules import ALL_RULES, rules_by_code

CODE = re.compile(r"^R-(FP|\d|X|PSA|REN)-\d{2}$")


def test_codes_are_unique_and_well_formed() -> None:
    codes = [rule.spec.code for rule in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert [c for c in codes if not CODE.match(c)] == []
    assert set(rules_by_code()) == set(codes)


def test_headline_severity_is_the_main_variant_or_the_first() -> None:
    by_code = rules_by_code()
    assert by_code["R-FP-01"].spec.severity is Severity.ERROR
    assert by_code["R-FP-12"].spec.severity is Severity.INFO  # unlocode, the first variant
    assert by_code["R-FP-09"].spec.severity is Severity.ERROR  # expired, the first variant


def test_every_rule_of_the_spec_is_there() -> None:
    codes = set(rules_by_code())
    expected = (
        {f"R-FP-{n:02d}" for n in range(1, 13)}
        | {f"R-1-{n:02d}" for n in range(1, 6)}
        | {f"R-2-{n:02d}" for n in range(1, 12)}
        | {f"R-4-{n:02d}" for n in range(1, 7)}
        | {f"R-5-{n:02d}" for n in range(1, 12)}
        | {f"R-6-{n:02d}" for n in range(1, 5)}
        | {f"R-7-{n:02d}" for n in range(1, 12)}
        | {f"R-8-{n:02d}" for n in range(1, 4)}
        | {f"R-X-{n:02d}" for n in range(1, 4)}
    )
    assert expected - codes == set()
    assert any(code.startswith("R-PSA-") for code in codes)
