"""URLs of the portfolio pages: the facility import and the expiry calendar. (The portfolio
itself is the facility list, `facilities`, in urls.py.)"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from bolvaerk.web.views import calendar, facility_import

urlpatterns: list[URLPattern | URLResolver] = [
    path("facilities/import/", facility_import.import_facilities, name="facility-import"),
    path("calendar.ics", calendar.calendar, name="calendar"),
    path("calendar/", calendar.calendar_link, name="calendar-link"),
    path("calendar/feed.ics", calendar.calendar_feed, name="calendar-feed"),
]
