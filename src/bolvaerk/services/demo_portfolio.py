"""The demo's portfolio: facilities in other Danish ports assessed by the demo RSO, approved on
dates that put some past their submit-by date, some close to it and most comfortably ahead, so
the portfolio, the calendar and the reminders have something to show."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bolvaerk.adapters.db.models import AssessmentRecord, Organisation, OrgKind
from bolvaerk.domain.dates import add_months
from bolvaerk.domain.enums import AssessmentKind, LifecycleState
from bolvaerk.services.assessments import example_assessment, new_id
from bolvaerk.services.people import do_create_facility, do_create_organisation
from bolvaerk.services.workspace import store_version

# (port, UN/LOCODE, facility, days from today to the submit-by date; None: only a draft)
PORTFOLIO = (
    ("Aarhus Havn", "DKAAR", "Containerterminalen", -21),
    ("Aarhus Havn", "DKAAR", "Færgeterminal Nord", 12),
    ("Aarhus Havn", "DKAAR", "Krydstogtkaj Pier 3", 48),
    ("Esbjerg Havn", "DKEBJ", "Offshore-kajen", 85),
    ("Esbjerg Havn", "DKEBJ", "Dokhavnen", 240),
    ("Fredericia Havn", "DKFRC", "Oliehavnen", -3),
    ("Fredericia Havn", "DKFRC", "Containerkajen", 410),
    ("Aalborg Havn", "DKAAL", "Østhavnen", 700),
    ("Frederikshavn Havn", "DKFDH", "Færgehavnen", 35),
    ("Hirtshals Havn", "DKHIR", "Færgeterminalen", 1100),
    ("Køge Havn", "DKKOG", "Bulkterminalen", None),
    ("Rønne Havn", "DKRNN", "Krydstogtterminalen", 1500),
)


def seed_portfolio(rso: Organisation, police: Organisation, today: date) -> None:
    operators: dict[str, Organisation] = {}
    template = example_assessment(AssessmentKind.PFSA)
    for port, unlocode, name, days_to_submit in PORTFOLIO:
        operator_name = f"{port.removesuffix(' Havn')} Terminaler A/S"
        if operator_name not in operators:
            operators[operator_name] = do_create_organisation(
                None, operator_name, OrgKind.FACILITY_OPERATOR
            )
        facility = do_create_facility(
            None,
            name=name,
            port=port,
            unlocode=unlocode,
            operator=operators[operator_name],
            rso=rso,
            police=police,
        )
        assessment = replace(
            template,
            id=new_id(AssessmentKind.PFSA),
            front_page=replace(template.front_page, port=port, facility=name, unlocode=unlocode),
        )
        meta = replace(assessment.meta, state=LifecycleState.DRAFT, approved=None)
        if days_to_submit is not None:
            # submit-by = approval + 5 years - 3 months, so approval = submit-by - 57 months
            approved = add_months(today + timedelta(days=days_to_submit), -57)
            meta = replace(meta, state=LifecycleState.APPROVED, approved=approved)
        assessment = replace(assessment, meta=meta)
        record = AssessmentRecord.objects.create(
            facility=facility, document_id=assessment.id, kind=AssessmentKind.PFSA.value
        )
        store_version(None, record, assessment, "demo portfolio")
