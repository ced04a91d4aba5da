from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_out import AgreementOut
    from ..models.claim_comparison import ClaimComparison
    from ..models.contradiction_out import ContradictionOut
    from ..models.event_out import EventOut
    from ..models.party_out import PartyOut
    from ..models.relaying_source import RelayingSource


T = TypeVar("T", bound="Comparison")


@_attrs_define
class Comparison:
    """The comparison of the sources of an event, over its statements that are not retracted
    (with `sources=`, only those whose party is listed; with `as_of`, only those said by then).
    A statement's party is `on_behalf_of` when set, else its speaker.

        Attributes:
            event (EventOut): An event.
            parties (list[PartyOut]): By name (case-folded, ties by id).
            relays (list[RelayingSource]): By name.
            claims (list[ClaimComparison]): Every claim of the event: those the kept statements mention first, by first
                mention, then the others by creation (`open`, no positions).
            agreement (list[AgreementOut]): Each pair of parties that took sides on a common claim, by name.
            contradictions (list[ContradictionOut]): One per `contested` claim, in claim order.
    """

    event: EventOut
    parties: list[PartyOut]
    relays: list[RelayingSource]
    claims: list[ClaimComparison]
    agreement: list[AgreementOut]
    contradictions: list[ContradictionOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event.to_dict()

        parties = []
        for parties_item_data in self.parties:
            parties_item = parties_item_data.to_dict()
            parties.append(parties_item)

        relays = []
        for relays_item_data in self.relays:
            relays_item = relays_item_data.to_dict()
            relays.append(relays_item)

        claims = []
        for claims_item_data in self.claims:
            claims_item = claims_item_data.to_dict()
            claims.append(claims_item)

        agreement = []
        for agreement_item_data in self.agreement:
            agreement_item = agreement_item_data.to_dict()
            agreement.append(agreement_item)

        contradictions = []
        for contradictions_item_data in self.contradictions:
            contradictions_item = contradictions_item_data.to_dict()
            contradictions.append(contradictions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "parties": parties,
                "relays": relays,
                "claims": claims,
                "agreement": agreement,
                "contradictions": contradictions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_out import AgreementOut  # noqa: PLC0415
        from ..models.claim_comparison import ClaimComparison  # noqa: PLC0415
        from ..models.contradiction_out import ContradictionOut  # noqa: PLC0415
        from ..models.event_out import EventOut  # noqa: PLC0415
        from ..models.party_out import PartyOut  # noqa: PLC0415
        from ..models.relaying_source import RelayingSource  # noqa: PLC0415

        d = dict(src_dict)
        event = EventOut.from_dict(d.pop("event"))

        parties = []
        _parties = d.pop("parties")
        for parties_item_data in _parties:
            parties_item = PartyOut.from_dict(parties_item_data)

            parties.append(parties_item)

        relays = []
        _relays = d.pop("relays")
        for relays_item_data in _relays:
            relays_item = RelayingSource.from_dict(relays_item_data)

            relays.append(relays_item)

        claims = []
        _claims = d.pop("claims")
        for claims_item_data in _claims:
            claims_item = ClaimComparison.from_dict(claims_item_data)

            claims.append(claims_item)

        agreement = []
        _agreement = d.pop("agreement")
        for agreement_item_data in _agreement:
            agreement_item = AgreementOut.from_dict(agreement_item_data)

            agreement.append(agreement_item)

        contradictions = []
        _contradictions = d.pop("contradictions")
        for contradictions_item_data in _contradictions:
            contradictions_item = ContradictionOut.from_dict(contradictions_item_data)

            contradictions.append(contradictions_item)

        comparison = cls(
            event=event,
            parties=parties,
            relays=relays,
            claims=claims,
            agreement=agreement,
            contradictions=contradictions,
        )

        comparison.additional_properties = d
        return comparison

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
