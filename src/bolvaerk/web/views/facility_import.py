"""Bulk import of facilities (CSV or XLSX): the upload form, and the import's status and report
(row, column and reason of every problem, in the user's language). A large file is imported by a
background job; the page then refreshes itself until the job has finished."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bolvaerk.services.facility_import import (
    COLUMNS,
    MAX_ROWS,
    REQUIRED,
    Problem,
    may_import_facilities,
)
from bolvaerk.services.facility_import_jobs import (
    MAX_BYTES,
    ImportFileError,
    import_status,
    start_import,
)
from bolvaerk.services.workspace import NotAllowed

KINDS: dict[str, Promise] = {
    "rso": gettext_lazy("RSO firm"),
    "operator": gettext_lazy("facility operator"),
    "port": gettext_lazy("port authority"),
    "police": gettext_lazy("police district"),
    "authority": gettext_lazy("maritime authority"),
    "site": gettext_lazy("site administration"),
}
COLUMN_KINDS = {"operator": "operator", "rso": "rso", "port_authority": "port", "police": "police"}


def problem_text(problem: Problem) -> str:
    """The reason of a problem in the active language."""
    p: Mapping[str, str] = problem.params
    expected = KINDS.get(COLUMN_KINDS.get(problem.column, ""), "")
    texts = {
        "empty_file": lambda: _("The file is empty: the first row must name the columns."),
        "no_rows": lambda: _("The file has a header but no facility rows."),
        "too_many_rows": lambda: _("At most %(max)s rows per file.") % p,
        "unreadable": lambda: _("The file could not be read as CSV or XLSX."),
        "not_allowed": lambda: _("You may not import facilities (any more)."),
        "unknown_column": lambda: _("Unknown column. The columns are: %(columns)s.") % p,
        "duplicate_column": lambda: _("The column appears twice."),
        "missing_column": lambda: _("The required column is missing."),
        "required": lambda: _("A value is required."),
        "too_long": lambda: _("At most %(max)s characters.") % p,
        "unlocode": lambda: (
            _(
                "“%(value)s” is not a UN/LOCODE: two letters for the country and three letters "
                "or digits 2-9, e.g. DKAAR."
            )
            % p
        ),
        "yes_no": lambda: _("“%(value)s” is not yes or no.") % p,
        "duplicate_in_file": lambda: (
            _("The same facility (name and UN/LOCODE) is already in row %(first)s.") % p
        ),
        "duplicate_in_database": lambda: _(
            "The facility (name and UN/LOCODE) already exists in bolvaerk."
        ),
        "unknown_organisation": lambda: (
            _(
                "No organisation is called “%(name)s” (tick “create missing organisations” to "
                "create it)."
            )
            % p
        ),
        "wrong_kind": lambda: (
            _("“%(name)s” is a %(kind)s, not a %(expected)s.")
            % {"name": p["name"], "kind": KINDS.get(p["kind"], p["kind"]), "expected": expected}
        ),
        "two_kinds": lambda: _("“%(name)s” is named as two different kinds of organisation.") % p,
        "not_own_firm": lambda: (
            _(
                "An RSO firm imports only facilities it assesses itself: leave the column empty "
                "or write “%(firm)s”."
            )
            % p
        ),
    }
    make = texts.get(problem.code)
    return make() if make else problem.code


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (CSV or XLSX)"))
    create_organisations = forms.BooleanField(
        label=gettext_lazy("Create missing organisations"),
        required=False,
        help_text=gettext_lazy(
            "Off: every organisation named must exist. On: an unknown name is created as a new "
            "organisation of the column's kind."
        ),
    )


@require_http_methods(["GET", "POST"])
def import_facilities(request: HttpRequest) -> HttpResponse:
    if not may_import_facilities(request.user):
        raise Http404
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                form.add_error("file", _("The file is larger than 10 MB."))
            else:
                try:
                    import_id = start_import(
                        request.user,
                        upload.name or "",
                        upload.read(),
                        create_organisations=form.cleaned_data["create_organisations"],
                    )
                except ImportFileError as error:
                    message = {
                        "type": _("Only .csv and .xlsx files can be imported."),
                        "size": _("The file is larger than 10 MB."),
                    }
                    form.add_error("file", message[error.code])
                except NotAllowed:
                    raise Http404 from None
                else:
                    return redirect(reverse("facility-import") + f"?import={import_id}")
        return _render(request, form, status=400)
    return _render(request, ImportForm())


def _render(request: HttpRequest, form: ImportForm, status: int = 200) -> HttpResponse:
    import_id = request.GET.get("import", "")
    current = import_status(request.user, import_id) if import_id else None
    if import_id and current is None and request.method == "GET":
        raise Http404
    problems = []
    if current is not None and current.outcome is not None:
        problems = [(p, problem_text(p)) for p in current.outcome.problems]
    return render(
        request,
        "bolvaerk/facility_import.html",
        {
            "form": form,
            "status": current,
            "problems": problems,
            "required": REQUIRED,
            "optional": [c for c in COLUMNS if c not in REQUIRED],
            "max_rows": MAX_ROWS,
            "waiting": current is not None and current.outcome is None,
        },
        status=status,
    )
