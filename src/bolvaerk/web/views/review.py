"""Review comments on any section or field of an assessment: the list (visible to everyone who
may see the assessment), adding one (a section from the list or a field by a ?path= link), and
resolving or reopening."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from bolvaerk.services.access import NotFound
from bolvaerk.services.reviewing import Comment, Record, comment_of, comments_of, path_label
from bolvaerk.services.workspace import NotAllowed, do_comment, do_set_comment_resolved
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.views.review_base import language, may, record_or_404, refusal_page
from bolvaerk.web.views.review_forms import CommentForm, section_choices

COMMENT_REFUSED = _("Your role can read the review comments but not write or resolve them.")


@dataclass(frozen=True, slots=True)
class CommentRow:
    comment: Comment
    label: str
    anchor: str  # the field's anchor id in the editor: the path with [ ] . replaced by -


anchor_of = anchor  # the editor's field ids, so a comment links to its field


def comment_rows(record: Record, lang: str) -> list[CommentRow]:
    sections = dict(section_choices(record.kind))
    rows = []
    for comment in comments_of(record):
        label = sections.get(comment.path) or path_label(comment.path, lang)
        rows.append(CommentRow(comment, str(label), anchor_of(comment.path)))
    return rows


def comments_context(
    request: HttpRequest, record: Record, form: CommentForm | None = None, path: str = ""
) -> dict[str, Any]:
    """What the comments panel shows, on the assessment page and on the comments page."""
    allowed = may(request, record)
    rows = comment_rows(record, language(request))
    return {
        "record": record,
        "comment_rows": rows,
        "open_count": sum(1 for row in rows if not row.comment.resolved),
        "may_comment": allowed.comment,
        "comment_form": form or CommentForm(kind=record.kind, path=path),
    }


def _next_url(request: HttpRequest, record: Record) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse("assessment", args=[record.pk]) + "#review-comments"


@refusal_page
@require_http_methods(["GET", "POST"])
def comments(request: HttpRequest, record_id: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    path = request.GET.get("path", "")[:300]
    form = None
    if request.method == "POST":
        if not may(request, record).comment:
            raise PermissionDenied(COMMENT_REFUSED)
        form = CommentForm(request.POST, kind=record.kind, path=request.POST.get("review-path", ""))
        if form.is_valid():
            try:
                do_comment(
                    request.user, record, form.cleaned_data["path"], form.cleaned_data["text"]
                )
            except NotAllowed:
                raise PermissionDenied(COMMENT_REFUSED) from None
            messages.success(request, _("Your comment was added."))
            return redirect(_next_url(request, record))
    context = comments_context(request, record, form, path)
    return render(request, "bolvaerk/review/comments.html", {"record": record, "review": context})


@refusal_page
@require_POST
def set_resolved(request: HttpRequest, record_id: int, comment_id: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    try:
        comment = comment_of(record, comment_id)
        do_set_comment_resolved(request.user, comment, resolved=request.POST.get("resolved") == "1")
    except NotFound:
        raise Http404 from None
    except NotAllowed:
        raise PermissionDenied(COMMENT_REFUSED) from None
    done = _("The comment was resolved.") if comment.resolved else _("The comment was reopened.")
    messages.success(request, done)
    return redirect(_next_url(request, record))
