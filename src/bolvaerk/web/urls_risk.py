"""URLs of sections 5, 6.1, the grid 6.2.1 and the risk forms 7.2."""

from __future__ import annotations

from django.urls import path

from bolvaerk.web.views import assets, grid, risk_form, threats

A = "assessments/<int:record_id>/"

urlpatterns = [
    path(f"{A}items/", assets.items_page, name="risk-items"),
    path(f"{A}items/<str:item_id>/", assets.item_page, name="risk-item"),
    path(f"{A}items/<str:item_id>/remove/", assets.remove_item, name="risk-item-remove"),
    path(f"{A}threats/", threats.threats_page, name="risk-threats"),
    path(f"{A}threats/add/", threats.add_threat, name="risk-threat-add"),
    path(f"{A}threats/<str:threat_id>/remove/", threats.remove_threat, name="risk-threat-remove"),
    path(f"{A}grid/", grid.grid_page, name="risk-grid"),
    path(f"{A}grid/toggle/", grid.toggle, name="risk-toggle"),
    path(f"{A}grid/untick/", grid.untick, name="risk-untick"),
    path(f"{A}forms/<str:form_id>/", risk_form.risk_form_page, name="risk-form"),
    path(f"{A}forms/<str:form_id>/rating/", risk_form.rating_panel, name="risk-rating"),
]
