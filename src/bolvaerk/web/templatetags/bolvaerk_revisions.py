"""Revisions on the assessment page: how many risk forms are still to be re-assessed."""

from __future__ import annotations

from django import template

from bolvaerk.domain.assessment import Assessment

register = template.Library()


@register.filter
def to_reassess(assessment: Assessment) -> int:
    return sum(1 for form in assessment.sections.risk.forms if form.needs_reassessment)
