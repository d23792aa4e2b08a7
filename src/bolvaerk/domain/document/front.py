"""The front page (Forsiden), fields F1-F16."""

from __future__ import annotations

from datetime import date

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.document.blocks import cell, fields_table
from bolvaerk.domain.document.model import Block, Cell, Image, Paragraph, Table, TextStyle
from bolvaerk.domain.document.texts import Texts
from bolvaerk.domain.enums import AssessmentKind


def front_page_blocks(a: Assessment, t: Texts) -> tuple[Block, ...]:
    fp = a.front_page
    blocks: list[Block] = []
    if fp.logo.strip():
        blocks.append(Image("logo", fp.logo.strip(), fp.rso_name))
    blocks.append(Paragraph(t("doc.authority")))
    blocks.append(_fields(a, t))
    blocks.append(Paragraph(t("doc.proposal_notice"), TextStyle.NOTE))
    blocks.append(Paragraph(t("doc.identifier", id=a.id, revision=a.meta.revision), TextStyle.NOTE))
    return tuple(blocks)


def _choice(value: object | None, prefix: str, t: Texts) -> Cell:
    if value is None:
        return cell(None, t)
    return Cell(t(f"{prefix}.{getattr(value, 'value', value)}"))


def _fields(a: Assessment, t: Texts) -> Table:
    fp = a.front_page
    activities = ", ".join(t(f"activity.{activity.value}") for activity in fp.activities)
    if fp.activity_other.strip():
        activities = f"{activities} ({fp.activity_other.strip()})"
    changes = "\n".join(t(f"change.{change.value}") for change in fp.major_changes)
    facility_label = "front.port_psa" if a.kind is AssessmentKind.PSA else "front.facility"
    rows: list[tuple[str, Cell]] = [
        (t("front.port"), cell(fp.port, t)),
        (t(facility_label), cell(fp.facility, t)),
        (t("front.unlocode"), cell(fp.unlocode, t)),
    ]
    if fp.gisis_number.strip():
        rows.append((t("front.gisis"), cell(fp.gisis_number, t)))
    rows += [
        (t("front.new_facility"), Cell(t.yes_no(fp.new_facility), empty=fp.new_facility is None)),
        (t("front.position"), cell(fp.position, t)),
        (t("front.postal_address"), cell(fp.postal_address, t)),
        (t("front.cvr"), cell(fp.cvr, t)),
        (t("front.pfsa_approved"), Cell(_date_or_none(fp.pfsa_approved, t))),
        (t("front.pfsp_approved"), Cell(_date_or_none(fp.pfsp_approved, t))),
        (t("front.application_reason"), _choice(fp.application_reason, "reason", t)),
    ]
    if changes:
        rows.append((t("front.major_changes"), Cell(changes)))
    rows += [
        (t("front.current_status"), _choice(fp.current_status, "status", t)),
        (t("front.requested_status"), _choice(fp.requested_status, "status", t)),
        (t("front.activities"), cell(activities, t)),
        (t("front.rso"), cell(fp.rso_name, t)),
        (t("front.completed"), cell(t.date(fp.completed) if fp.completed else None, t)),
    ]
    return fields_table("front", t("front.heading"), rows, t)


def _date_or_none(value: date | None, t: Texts) -> str:
    """F8/F9 are empty when no approved PFSA/PFSP exists: shown as "Ingen", not as missing."""
    return t.date(value) if value is not None else t("doc.none")
