"""Rules of the front page (Forsiden), R-FP-01 .. R-FP-12 (pfsa-domain.md §3.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.dates import expiry_date, format_dk_date, submit_by_date
from bolvaerk.domain.enums import (
    REQUESTABLE_STATUSES,
    Activity,
    ApplicationReason,
    FacilityStatus,
    Provenance,
    Severity,
)
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, present, registrar

RULES: list[Rule] = []
rule = registrar(RULES)

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - the spec's letters
FP = "front_page"

_APOSTROPHES = "'\u2019"  # the guide's example is typed with a typographic apostrophe too
_POSITION = re.compile(
    rf"^(\d{{2}})°([0-5]\d),(\d)[{_APOSTROPHES}] ?([NS]); ?"
    rf"(\d{{3}})°([0-5]\d),(\d)[{_APOSTROPHES}] ?([ØV])$"
)
_UNLOCODE_DK = re.compile(r"^DK[A-Z2-9]{3}$")
_CVR = re.compile(r"^\d{8}$")
_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".svg", ".emf")
# Denmark incl. Bornholm, in decimal degrees (INFERRED plausibility box)
_DK_LAT = (54.5, 57.84)
_DK_LON = (8.0, 15.25)
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


@rule("R-FP-01", section="Forside", source="SEED L67-L194", variants={"main": E})
def required_fields(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    fp = a.front_page
    texts = {
        "port": fp.port,
        "facility": fp.facility,
        "unlocode": fp.unlocode,
        "position": fp.position,
        "postal_address": fp.postal_address,
        "cvr": fp.cvr,
        "rso_name": fp.rso_name,
    }
    for name, value in texts.items():
        if blank(value):
            yield Hit(f"{FP}.{name}", params={"field": name})
    choices = {
        "new_facility": fp.new_facility,
        "application_reason": fp.application_reason,
        "current_status": fp.current_status,
        "requested_status": fp.requested_status,
        "completed": fp.completed,
    }
    for name, choice in choices.items():
        if choice is None:
            yield Hit(f"{FP}.{name}", params={"field": name})
    if not fp.activities:
        yield Hit(f"{FP}.activities", params={"field": "activities"})


def position_degrees(text: str) -> tuple[float, float] | None:
    """Latitude and longitude (east positive) of a position in the template's format."""
    match = _POSITION.match(text.strip())
    if match is None:
        return None
    lat_d, lat_m, lat_t, ns, lon_d, lon_m, lon_t, ew = match.groups()
    lat = int(lat_d) + float(f"{lat_m}.{lat_t}") / 60
    lon = int(lon_d) + float(f"{lon_m}.{lon_t}") / 60
    return (lat if ns == "N" else -lat, lon if ew == "Ø" else -lon)


@rule(
    "R-FP-02",
    section="Forside F5",
    source="SEED L89-L93",
    variants={"main": E, "havnelods": W, "outside_denmark": I},
)
def position_format(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    fp = a.front_page
    if blank(fp.position):
        return  # R-FP-01 reports the missing position
    degrees = position_degrees(fp.position)
    if degrees is None:
        yield Hit(f"{FP}.position", params={"value": fp.position})
        return
    lat, lon = degrees
    if not (_DK_LAT[0] <= lat <= _DK_LAT[1] and _DK_LON[0] <= lon <= _DK_LON[1]):
        yield Hit(f"{FP}.position", "outside_denmark", {"value": fp.position})
    if fp.position_checked_against_havnelods is not True:
        yield Hit(f"{FP}.position_checked_against_havnelods", "havnelods")


def _dates(a: Assessment) -> Iterator[tuple[str, date | None]]:
    fp = a.front_page
    yield f"{FP}.pfsa_approved", fp.pfsa_approved
    yield f"{FP}.pfsp_approved", fp.pfsp_approved
    yield f"{FP}.completed", fp.completed
    yield "meta.approved", a.meta.approved
    yield "sections.1.police.review_date", a.sections.introduction.police.review_date
    for index, form in enumerate(a.sections.risk.forms):
        yield f"sections.7.forms[{index}].date", form.date
    for index, annex in enumerate(a.annexes):
        yield f"annexes[{index}].registered_letter_sent", annex.registered_letter_sent
    if a.port is not None:
        for index, facility in enumerate(a.port.facilities):
            yield f"port.facilities[{index}].pfsa_approved", facility.pfsa_approved


@rule(
    "R-FP-03",
    section="Forside, 1.2, 7.2",
    source="SEED L105, L111, L194, L755",
    # "format" is reported by the file loader: a date not written dd-mm-yyyy never loads.
    variants={"format": E, "year": E},
)
def dates_plausible(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    for path, value in _dates(a):
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            yield Hit(path, "year", {"value": format_dk_date(value)})


@rule(
    "R-FP-04",
    section="Forside F4, F8, F9",
    source="SEED L83-L113",
    variants={"main": E, "new_facility_status": I, "new_facility_reason": I},
)
def new_facility_consistency(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    fp = a.front_page
    if fp.new_facility is not True:
        return
    if fp.pfsa_approved is not None:
        yield Hit(f"{FP}.pfsa_approved", params={"field": "pfsa_approved"})
    if fp.pfsp_approved is not None:
        yield Hit(f"{FP}.pfsp_approved", params={"field": "pfsp_approved"})
    if fp.current_status not in (None, FacilityStatus.NONE_NEW):
        yield Hit(f"{FP}.current_status", "new_facility_status")
    if fp.application_reason not in (None, ApplicationReason.NEW):
        yield Hit(f"{FP}.application_reason", "new_facility_reason")


@rule(
    "R-FP-05",
    section="Forside F8, F10",
    source="SEED L115-L125 (INFERRED)",
    variants={"main": I},
    provenance=Provenance.INFERRED,
)
def renewal_needs_previous_approval(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    fp = a.front_page
    renewing = fp.application_reason in (ApplicationReason.RENEWAL, ApplicationReason.MAJOR_CHANGE)
    if renewing and fp.pfsa_approved is None:
        yield Hit(f"{FP}.pfsa_approved", params={"reason": str(fp.application_reason)})


@rule("R-FP-06", section="Forside F10-F12", source="SEED L117-L175", variants={"main": E})
def single_choices(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    requested = a.front_page.requested_status
    if requested is not None and requested not in REQUESTABLE_STATUSES:
        yield Hit(f"{FP}.requested_status", params={"value": str(requested)})


@rule("R-FP-07", section="Forside F13", source="SEED L185", variants={"main": E})
def other_activity_described(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    fp = a.front_page
    if Activity.OTHER in fp.activities and blank(fp.activity_other):
        yield Hit(f"{FP}.activity_other")


@rule("R-FP-08", section="Forside F12, 8", source="SEED L177, L928", variants={"main": E})
def lighter_status_justified(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    requested = a.front_page.requested_status
    lighter = requested in (
        FacilityStatus.ON_OFF,
        FacilityStatus.DISPENSATION_9,
        FacilityStatus.ESA,
    )
    if lighter and blank(a.sections.summary.status_justification):
        yield Hit("sections.8.status_justification", params={"status": str(requested)})


@rule(
    "R-FP-09",
    section="Forside F8, F16",
    source="SEED L123; TS-HAVNE; TBST-OLD",
    variants={"expired": E, "late": W},
)
def renewal_in_time(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    fp = a.front_page
    if fp.pfsa_approved is None or fp.completed is None:
        return
    expiry = expiry_date(fp.pfsa_approved)
    submit_by = submit_by_date(fp.pfsa_approved)
    params = {
        "expiry": format_dk_date(expiry),
        "submit_by": format_dk_date(submit_by),
        "completed": format_dk_date(fp.completed),
    }
    if fp.completed > expiry:
        yield Hit(f"{FP}.completed", "expired", params)
    elif fp.completed > submit_by:
        yield Hit(f"{FP}.completed", "late", params)


@rule(
    "R-FP-10",
    section="Forside F10",
    source="SEED L125-L145",
    variants={"main": E, "no_change_ticked": W},
)
def major_change_reason(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    fp = a.front_page
    if fp.major_changes and fp.application_reason is not ApplicationReason.MAJOR_CHANGE:
        changes = ", ".join(str(change) for change in fp.major_changes)
        yield Hit(f"{FP}.application_reason", params={"changes": changes})
    if fp.application_reason is ApplicationReason.MAJOR_CHANGE and not fp.major_changes:
        yield Hit(f"{FP}.major_changes", "no_change_ticked")


@rule(
    "R-FP-11",
    section="Forside F15",
    source="SEED L188-L190",
    variants={"main": I, "file_missing": I},
    provenance=Provenance.INFERRED,
)
def logo_is_image(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    logo = a.front_page.logo.strip()
    if logo and not logo.lower().endswith(_IMAGE_SUFFIXES):
        yield Hit(f"{FP}.logo", params={"value": logo})
    elif logo and not present(logo, context):
        yield Hit(f"{FP}.logo", "file_missing", {"value": logo})


def cvr_checksum_ok(cvr: str) -> bool:
    return sum(int(d) * w for d, w in zip(cvr, _CVR_WEIGHTS, strict=True)) % 11 == 0


@rule(
    "R-FP-12",
    section="Forside F3, F7",
    source="UNECE Rec. 16; CVR mod-11 (INFERRED)",
    variants={"unlocode": I, "cvr_digits": I, "cvr_checksum": W},
    provenance=Provenance.INFERRED,
)
def identifiers(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    fp = a.front_page
    if fp.unlocode and not _UNLOCODE_DK.match(fp.unlocode):
        yield Hit(f"{FP}.unlocode", "unlocode", {"value": fp.unlocode})
    if fp.cvr:
        if not _CVR.match(fp.cvr):
            yield Hit(f"{FP}.cvr", "cvr_digits", {"value": fp.cvr})
        elif not cvr_checksum_ok(fp.cvr):
            yield Hit(f"{FP}.cvr", "cvr_checksum", {"value": fp.cvr})
