"""Element names of the XML form: EMSWe-shaped (SEC, NOA, WAS, HZA data elements, UN/CEFACT
RAM style, anchors-edi.md §1) where the EMSWe data set has the field, else our own.

Names are looked up per (class, field) first, then per field; a field without a name here gets
its CamelCase spelling. Within one class the names are unique (checked by the tests).
"""

from __future__ import annotations

from functools import cache

from bolvaerk.adapters.edi.tree import fields_of

FIELD_NAMES = {
    "header": "Header",
    "message_id": "MessageID",
    "sender": "SenderID",
    "recipient": "RecipientID",
    "prepared_at": "PreparationDateTime",
    "function": "MessageFunctionCode",
    "previous_message_id": "PreviousMessageID",
    "version": "VersionID",
    "imo_number": "IMOID",
    "name": "Name",
    "call_sign": "CallSignID",
    "flag": "FlagStateCode",
    "port_of_registry": "RegistryPortLocationID",
    "ship_type": "ShipTypeText",
    "gross_tonnage": "GrossTonnageMeasure",
    "company": "CompanyTradeParty",
    "cso": "CompanySecurityOfficerTransportPerson",
    "family_name": "FamilyName",
    "given_name": "GivenName",
    "organisation": "OrganisationName",
    "phone": "LandlineTelephoneID",
    "mobile": "MobileTelephoneID",
    "email": "EmailAddressID",
    "call": "ConveyanceFacilityRelatedLogisticsLocation",
    "port": "PortLocationID",
    "facility": "FacilityReferencedLocationID",
    "eta": "EstimatedArrivalDateTime",
    "etd": "EstimatedDepartureDateTime",
    "purpose": "CallPurposeText",
    "issc": "MaritimeApplicableISSCCertificate",
    "valid": "ValidIndicator",
    "type": "TypeCode",
    "issuer": "IssuingGovernmentCode",
    "rso_name": "IssuerTradePartyName",
    "expiry": "ExpiryDate",
    "identifier": "ID",
    "no_valid_reason": "NoValidCertificateReasonText",
    "ssp_on_board": "ApprovedSecurityPlanOnboardIndicator",
    "security_level": "ISPSSecurityLevelCode",
    "higher_level_reason": "HigherSecurityLevelReason",
    "last_calls": "ItineraryStopTransportEvent",
    "arrival": "ArrivalDate",
    "departure": "DepartureDate",
    "additional_measures": "AdditionalSecurityMeasuresApplicableNote",
    "missing_calls_reason": "LastTenFacilityLocationsNotReportedReason",
    "ship_to_ship": "ShipToShipEvent",
    "location": "LocationText",
    "start": "StartDate",
    "end": "EndDate",
    "activity": "ActivityText",
    "measures": "SecurityMeasuresNote",
    "other_matters": "OtherSecurityMattersNote",
    "agent": "AgentTransportPerson",
    "berth": "BerthFacilityLocationID",
    "voyage": "VoyageID",
    "previous_port": "PreviousPortLocationID",
    "next_port": "NextPortLocationID",
    "crew": "CrewQuantity",
    "passengers": "PassengerQuantity",
    "draught_m": "ActualDraughtMeasure",
    "issc_valid": "ISSCValidIndicator",
    "issc_expiry": "ISSCExpiryDate",
    "bunkers": "BunkerFuel",
    "fuel_type": "FuelTypeCode",
    "on_board_t": "OnboardWeightMeasure",
    "to_bunker_t": "PlannedBunkeringWeightMeasure",
    "last_delivery_port": "LastDeliveryPortLocationID",
    "last_delivery_date": "LastDeliveryDate",
    "waste_type": "WasteTypeCode",
    "description": "Description",
    "to_deliver_m3": "PlannedDischargedMeasure",
    "max_storage_m3": "MaximumDedicatedStorageCapacityMeasure",
    "retained_m3": "RetainedMeasure",
    "generated_until_next_m3": "EstimatedGeneratedMeasure",
    "port_for_remaining": "RemainingWasteDeliveryPortLocationID",
    "un_number": "UNDGID",
    "proper_shipping_name": "ProperShippingName",
    "imdg_class": "HazardClassificationID",
    "operation": "HandlingOperationCode",
    "gross_mass_kg": "GrossWeightMeasure",
    "packing_group": "PackingDangerLevelCode",
    "subsidiary_risk": "SubsidiaryRiskCode",
    "flashpoint_c": "FlashpointTemperatureMeasure",
    "marine_pollutant": "MarinePollutantIndicator",
    "limited_quantity": "LimitedQuantityIndicator",
    "net_mass_kg": "NetWeightMeasure",
    "packages": "PackageQuantity",
    "package_type": "PackageTypeCode",
    "equipment_id": "TransportEquipmentID",
    "stowage_position": "StowagePositionID",
    "ems": "EmergencyScheduleID",
    "emergency_contact": "EmergencyContactTransportPerson",
    "referenced_message_id": "ReferencedMessageID",
    "referenced_type": "ReferencedMessageTypeCode",
    "status": "StatusCode",
    "errors": "Error",
    "code": "ErrorCode",
    "path": "FieldPath",
    "text": "Text",
}
CLASS_FIELD_NAMES = {
    ("WasteNotification", "items"): "ShipWasteItem",
    ("DangerousGoodsNotification", "items"): "DangerousGoodsItem",
}


def element_name(cls: type, field: str) -> str:
    special = CLASS_FIELD_NAMES.get((cls.__name__, field))
    if special is not None:
        return special
    return FIELD_NAMES.get(field) or "".join(part.title() for part in field.split("_"))


@cache
def field_names(cls: type) -> dict[str, str]:
    """Element name -> field name of one record class."""
    return {element_name(cls, field.name): field.name for field in fields_of(cls)}
