"""Every code the product can report has a message in Danish and English, and every message
formats without leftovers for the findings the cases produce."""

from __future__ import annotations

import re
import string

from bolvaerk.adapters.file import LoadError, LoadProblem, decode
from bolvaerk.content.messages import label_for, load_texts, rule_texts
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.rules import ALL_RULES, validate
from bolvaerk.services.context import rule_context
from bolvaerk.services.messages import LANGUAGES, finding_message, problem_message, rule_title
from tests.casework import load_case_files, patched

LOADER_CODES = {
    "FILE-SYNTAX",
    "FILE-NOT-FOUND",
    "FILE-ENCODING",
    "FILE-UNREADABLE",
    "FILE-TYPE",
    "FILE-CHOICE",
    "FILE-UNKNOWN-FIELD",
    "FILE-MISSING-FIELD",
    "FILE-UNKNOWN-CATALOGUE",
    "ID-INVALID",
    "ID-DUPLICATE",
    "PFSA-HAS-PORT-PART",
}


def test_every_rule_variant_has_a_title_and_messages_in_both_languages() -> None:
    texts = rule_texts()
    missing = []
    for rule in ALL_RULES:
        entry = texts.get(rule.spec.code)
        if entry is None:
            missing.append(rule.spec.code)
            continue
        missing += [f"{rule.spec.code}.{v}" for v in rule.spec.variants if v not in entry.messages]
        assert all(rule_title(rule.spec.code, lang) for lang in LANGUAGES)
    assert missing == []


def test_no_message_is_left_without_a_rule() -> None:
    declared = {(r.spec.code, v) for r in ALL_RULES for v in r.spec.variants}
    written = {(code, v) for code, text in rule_texts().items() for v in text.messages}
    assert written - declared == set()


def test_every_loader_code_has_a_message() -> None:
    assert set(load_texts()) >= LOADER_CODES


def _unfilled(message: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(message) if name]


def test_messages_of_every_case_format_completely() -> None:
    cases = load_case_files("rules")
    checked = 0
    for entry in cases.values():
        for case in entry.get("fires") or []:
            document = patched(case)
            try:
                assessment = decode(Assessment, document)
            except LoadError as error:
                for problem in error.problems:
                    for lang in LANGUAGES:
                        text = problem_message(problem, lang)
                        assert not re.search(r"\{\w+\}", text), text
                continue
            for finding in validate(assessment, rule_context(assessment)):
                for lang in LANGUAGES:
                    text = finding_message(finding, lang)
                    assert not re.search(r"\{\w+\}", text), (finding, text)
                    checked += 1
    assert checked > 500


def test_a_missing_param_shows_as_a_placeholder_not_a_crash() -> None:
    problem = LoadProblem("FILE-TYPE", "front_page.port", {})
    assert "{expected}" in problem_message(problem, "en")


def test_labels_fall_back_to_the_parent_and_then_the_field_name() -> None:
    assert label_for("sections.7.forms[3].date", "da") == "Dato for risikovurderingen (7.2)"
    assert label_for("sections.7.forms[3].proposed.level_2", "en") == "Measures at security level 2"
    assert label_for("sections.7.forms[3].unheard_of", "en") == "Risk assessments (7.1/7.2)"
    assert label_for("nowhere.at_all", "en") == "at_all"
    assert _unfilled("a {b} c") == ["b"]
