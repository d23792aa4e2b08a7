"""URLs of the review area: lifecycle, police review, comments, audit log, import, downloads."""

from __future__ import annotations

from django.urls import path

from bolvaerk.web.views import lifecycle, log, review, transfer

urlpatterns = [
    path("assessments/<int:record_id>/lifecycle/", lifecycle.transition, name="review-transition"),
    path(
        "assessments/<int:record_id>/police-review/",
        lifecycle.police_review,
        name="review-police",
    ),
    path("assessments/<int:record_id>/comments/", review.comments, name="review-comments"),
    path(
        "assessments/<int:record_id>/comments/<int:comment_id>/resolved/",
        review.set_resolved,
        name="review-comment-resolved",
    ),
    path("assessments/<int:record_id>/log/", log.log_page, name="review-log"),
    path(
        "assessments/<int:record_id>/versions/<int:number>/export.yaml",
        log.version_export,
        name="review-version-export",
    ),
    path("assessments/<int:record_id>/import/", transfer.import_file, name="review-import"),
    path("assessments/<int:record_id>/download/", transfer.download, name="review-download"),
]
