"""Turning codes into text: findings, load problems and rule titles, in Danish or English."""

from __future__ import annotations

from collections.abc import Mapping

from bolvaerk.adapters.file import LoadProblem
from bolvaerk.content.messages import edi_rule_texts, label_for, load_texts, rule_texts
from bolvaerk.domain.findings import Finding

LANGUAGES = ("da", "en")


class _Params(dict[str, object]):
    """Missing params show as {name} instead of failing: a message never crashes a report."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, params: Mapping[str, object], path: str, lang: str) -> str:
    values = _Params({k: _show(v) for k, v in params.items()})
    values.setdefault("label", label_for(path, lang))
    values.setdefault("path", path)
    return template.format_map(values)


def _show(value: object) -> object:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "?" if value is None else value


def finding_message(finding: Finding, lang: str) -> str:
    text = rule_texts()[finding.code].messages[finding.variant][lang]
    return _format(text, finding.params, finding.path, lang)


def problem_message(problem: LoadProblem, lang: str) -> str:
    if problem.code.startswith("R-"):
        text = rule_texts()[problem.code].messages[problem.variant][lang]
    else:
        text = load_texts()[problem.code][lang]
    params = {"line": problem.line, "column": problem.column, **problem.params}
    return _format(text, params, problem.path, lang)


def edi_finding_message(finding: Finding, lang: str) -> str:
    """The text of a finding of the EDI message rules (content/messages/edi.yaml)."""
    text = edi_rule_texts()[finding.code].messages[finding.variant][lang]
    return _format(text, finding.params, finding.path, lang)


def rule_title(code: str, lang: str) -> str:
    return rule_texts()[code].title[lang]
