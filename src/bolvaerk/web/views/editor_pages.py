"""The pages of the assessment editor: which part of the template each edits, its forms, and
which findings its panel shows; the section navigation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.assessment import Assessment
from bolvaerk.services.records import AssessmentRecord
from bolvaerk.web.forms import (
    front_page,
    port,
    section_1,
    section_2,
    section_3,
    section_4,
    section_8,
)
from bolvaerk.web.forms.base import anchor

Bundle = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Page:
    key: str
    number: str
    title: Promise
    build: Callable[[Assessment, Any, str, bool], Bundle]
    apply: Callable[[Assessment, Bundle], Assessment]
    paths: tuple[str, ...]  # findings whose path lies under one of these
    codes: tuple[str, ...]  # ... or whose rule code starts with one of these
    psa_only: bool = False

    @property
    def template(self) -> str:
        return f"bolvaerk/editor/page_{self.key}.html"

    def shows(self, finding: dict[str, object]) -> bool:
        path, code = str(finding["path"]), str(finding["code"])
        return code.startswith(self.codes) or _owns_path(self, path)


def _page(key: str, number: str, title: Promise, module: Any, **kwargs: Any) -> Page:  # noqa: ANN401
    return Page(key, number, title, module.build, module.apply, **kwargs)


PAGES = {
    page.key: page
    for page in (
        _page("front", "F", _("Front page"), front_page, paths=("front_page",), codes=("R-FP-",)),
        _page("1", "1", _("Introduction"), section_1, paths=("sections.1",), codes=("R-1-",)),
        _page("2", "2", _("Description"), section_2, paths=("sections.2",), codes=("R-2-",)),
        _page("3", "3", _("Existing security"), section_3, paths=("sections.3",), codes=("R-3-",)),
        _page("4", "4", _("Organisation"), section_4, paths=("sections.4",), codes=("R-4-",)),
        _page(
            "port",
            "PSA",
            _("Port security committee and facilities"),
            port,
            paths=("port",),
            codes=("R-PSA-",),
            psa_only=True,
        ),
        _page("8", "8", _("Summary"), section_8, paths=("sections.8",), codes=("R-8-",)),
    )
}

# Sections edited on other screens: the URL names tried for each (the first that exists wins).
OTHER_SCREENS: dict[str, tuple[Promise, tuple[str, ...]]] = {
    "5": (_("Property and infrastructure"), ("risk-items",)),
    "6": (_("Threats"), ("risk-threats",)),
    "7": (_("Grid and risk assessments"), ("risk-grid",)),
}
ORDER = ("front", "1", "2", "3", "4", "port", "5", "6", "7", "8")


@dataclass(frozen=True, slots=True)
class NavEntry:
    number: str
    title: Promise
    url: str | None
    current: bool
    errors: int


def _other_url(record_id: int, key: str, names: tuple[str, ...]) -> str | None:
    for name in names:
        try:
            return reverse(name, args=[record_id])
        except NoReverseMatch:
            continue
    return f"/assessments/{record_id}/grid/" if key == "7" else None


def navigation(
    record: AssessmentRecord,
    assessment: Assessment,
    current: str,
    findings: list[dict[str, object]],
) -> list[NavEntry]:
    entries = []
    for key in ORDER:
        page = PAGES.get(key)
        if page is not None:
            if page.psa_only and assessment.port is None:
                continue
            url = reverse(f"editor-{key}", args=[record.pk])
            errors = sum(1 for f in findings if f["severity"] == "error" and page.shows(f))
            entries.append(NavEntry(page.number, page.title, url, key == current, errors))
        else:
            title, names = OTHER_SCREENS[key]
            other = _other_url(record.pk, key, names)
            entries.append(NavEntry(key, title, other, current=False, errors=0))
    return entries


def _owns_path(page: Page, path: str) -> bool:
    return any(p == path or path.startswith((f"{p}.", f"{p}[")) for p in page.paths)


def page_findings(
    record: AssessmentRecord, page: Page, findings: list[dict[str, object]]
) -> list[dict[str, object]]:
    """The page's findings, worst first, each with the link to its field (on this page, or on
    the page that holds the field when a rule of this part points elsewhere)."""
    order = {"error": 0, "warning": 1, "info": 2}
    shown = []
    for finding in findings:
        if not page.shows(finding):
            continue
        path = str(finding["path"])
        owner = next((p for p in PAGES.values() if _owns_path(p, path)), page)
        where = "" if owner is page else reverse(f"editor-{owner.key}", args=[record.pk])
        shown.append(finding | {"anchor": anchor(path), "href": f"{where}#{anchor(path)}"})
    return sorted(shown, key=lambda f: (order.get(str(f["severity"]), 3), str(f["path"])))
