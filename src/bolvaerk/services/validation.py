"""Validate an assessment file: load it (syntax, shape, dates) and run every rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bolvaerk.adapters.file import LoadError, LoadProblem, load_assessment
from bolvaerk.content.catalogues import list_threat_catalogues
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import Severity
from bolvaerk.domain.findings import Finding, has_errors
from bolvaerk.domain.rules import validate
from bolvaerk.services.context import resolve_threats, rule_context
from bolvaerk.services.messages import finding_message, problem_message

EXIT_CLEAN, EXIT_ERRORS, EXIT_UNUSABLE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Report:
    assessment: Assessment | None
    findings: tuple[Finding, ...] = ()
    problems: tuple[LoadProblem, ...] = field(default=())

    @property
    def exit_code(self) -> int:
        if self.problems:
            return EXIT_UNUSABLE
        return EXIT_ERRORS if has_errors(self.findings) else EXIT_CLEAN

    def counts(self) -> dict[str, int]:
        counts = {severity.value: 0 for severity in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts


def _content_problems(assessment: Assessment) -> list[LoadProblem]:
    """A threat catalogue the product does not have leaves 6.1 uncheckable. (An unknown risk
    model is a finding of R-7-11: the guide allows other models, described in 7.2.1.)"""
    if resolve_threats(assessment.meta.threat_catalogue) is not None:
        return []
    return [
        LoadProblem(
            "FILE-UNKNOWN-CATALOGUE",
            "meta.threat_catalogue",
            {"value": assessment.meta.threat_catalogue, "known": list_threat_catalogues()},
        )
    ]


def check_assessment(
    assessment: Assessment, home: Path | None = None, folder: Path | None = None
) -> Report:
    problems = _content_problems(assessment)
    if problems:
        return Report(assessment, problems=tuple(problems))
    context = rule_context(assessment, home, folder)
    return Report(assessment, findings=validate(assessment, context))


def validate_file(path: Path, home: Path | None = None) -> Report:
    try:
        assessment = load_assessment(path)
    except LoadError as error:
        return Report(None, problems=tuple(error.problems))
    return check_assessment(assessment, home, path.parent)


def report_entries(report: Report, lang: str) -> list[dict[str, object]]:
    """The report as JSON-ready findings: code, severity, path, message (+ line/column)."""
    entries: list[dict[str, object]] = []
    for problem in report.problems:
        entry: dict[str, object] = {
            "code": problem.code,
            "severity": Severity.ERROR.value,
            "path": problem.path,
            "message": problem_message(problem, lang),
        }
        if problem.line is not None:
            entry["line"] = problem.line
            entry["column"] = problem.column
        entries.append(entry)
    entries.extend(
        {
            "code": finding.code,
            "severity": finding.severity.value,
            "path": finding.path,
            "message": finding_message(finding, lang),
            "variant": finding.variant,
            "params": dict(finding.params),
        }
        for finding in report.findings
    )
    return entries
