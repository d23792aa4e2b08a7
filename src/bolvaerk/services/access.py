"""Who may see and do what. Every load of a protected object goes through an access_* function;
a forbidden object and a missing one raise the same NotFound (the web answers 404 for both).

Rules (INFERRED from the roles of pfsa-domain.md §8, configurable later):
- an organisation sees the facilities it is party to (operator, RSO, port authority, police);
  the maritime authority and site administrators see every facility;
- RSO consultants edit drafts; the facility's PFSO and, for a PSA, the PSO edit drafts too;
- the police reviewer records the police review; authority reviewers comment and return,
  approvers also approve; nobody edits a submitted or approved assessment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from bolvaerk.adapters.db.models import AssessmentRecord, Facility, Membership, OrgKind, Role
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.lifecycle import EDITABLE, Action

AnyUser = User | AnonymousUser


class NotFound(Exception):  # noqa: N818 - the web turns it into 404
    """The object does not exist, or the user may not see it: deliberately indistinguishable."""


def membership(user: AnyUser) -> Membership | None:
    if not isinstance(user, User):
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def sees_everything(member: Membership | None) -> bool:
    return member is not None and member.organisation.kind in {
        OrgKind.MARITIME_AUTHORITY,
        OrgKind.SITE,
    }


def visible_facilities(user: AnyUser) -> QuerySet[Facility]:
    member = membership(user)
    facilities = Facility.objects.select_related("operator", "rso", "port_authority", "police")
    if member is None:
        return facilities.none()
    if sees_everything(member):
        return facilities
    org = member.organisation
    return facilities.filter(Q(operator=org) | Q(rso=org) | Q(port_authority=org) | Q(police=org))


def access_facility_by_id(user: AnyUser, facility_id: int) -> Facility:
    try:
        return visible_facilities(user).get(pk=facility_id)
    except Facility.DoesNotExist:
        raise NotFound from None


def access_assessment_by_id(user: AnyUser, record_id: int) -> AssessmentRecord:
    try:
        return AssessmentRecord.objects.select_related("facility").get(
            pk=record_id, facility__in=visible_facilities(user)
        )
    except AssessmentRecord.DoesNotExist:
        raise NotFound from None


@dataclass(frozen=True, slots=True)
class Permissions:
    view: bool = False
    edit: bool = False
    comment: bool = False
    police_review: bool = False
    create: bool = False
    actions: frozenset[Action] = frozenset()


_RSO_ACTIONS = frozenset(
    {Action.SEND_TO_REVIEW, Action.BACK_TO_DRAFT, Action.SUBMIT, Action.REOPEN}
)


def permissions(
    user: AnyUser, facility: Facility, state: LifecycleState | None = None
) -> Permissions:
    """What the user may do on the facility's assessment in the given state."""
    member = membership(user)
    if member is None:
        return Permissions()
    org, role = member.organisation, member.role
    editable = state is None or state in EDITABLE
    is_rso = org.kind == OrgKind.RSO and facility.rso_id == org.pk
    is_operator = org.kind == OrgKind.FACILITY_OPERATOR and facility.operator_id == org.pk
    is_port = org.kind == OrgKind.PORT_AUTHORITY and facility.port_authority_id == org.pk
    is_police = org.kind == OrgKind.POLICE and facility.police_id == org.pk
    is_authority = org.kind == OrgKind.MARITIME_AUTHORITY
    editor = (
        is_rso
        or (is_operator and role == Role.PFSO)
        or (is_port and facility.is_port and role == Role.PSO)
    )
    actions: set[Action] = set()
    if is_rso:
        actions |= _RSO_ACTIONS
    if is_authority:
        actions.add(Action.RETURN)
        if role == Role.AUTHORITY_APPROVER:
            actions.add(Action.APPROVE)
    return Permissions(
        view=True,
        edit=editor and editable,
        comment=editor or is_police or is_authority,
        police_review=is_police and role == Role.POLICE_REVIEWER and editable,
        create=is_rso or (is_port and facility.is_port and role == Role.PSO),
        actions=frozenset(actions),
    )
