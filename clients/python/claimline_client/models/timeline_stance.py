from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.claim_status import ClaimStatus
from ..models.stance_kind import StanceKind

T = TypeVar("T", bound="TimelineStance")


@_attrs_define
class TimelineStance:
    """A stance as the timeline sees it.

    Attributes:
        claim_id (UUID):
        claim_text (str):
        stance (StanceKind): The attitude a statement takes towards a claim.
        first_mention (bool): No earlier kept statement of the event takes a stance on this claim.
        reversal (bool): A `supports` or `refutes` whose party's side just before was the opposite one.
        status_after (ClaimStatus): Where a claim stands, from the sides the parties have taken on it.
    """

    claim_id: UUID
    claim_text: str
    stance: StanceKind
    first_mention: bool
    reversal: bool
    status_after: ClaimStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claim_id = str(self.claim_id)

        claim_text = self.claim_text

        stance = self.stance.value

        first_mention = self.first_mention

        reversal = self.reversal

        status_after = self.status_after.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claim_id": claim_id,
                "claim_text": claim_text,
                "stance": stance,
                "first_mention": first_mention,
                "reversal": reversal,
                "status_after": status_after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        claim_id = UUID(d.pop("claim_id"))

        claim_text = d.pop("claim_text")

        stance = StanceKind(d.pop("stance"))

        first_mention = d.pop("first_mention")

        reversal = d.pop("reversal")

        status_after = ClaimStatus(d.pop("status_after"))

        timeline_stance = cls(
            claim_id=claim_id,
            claim_text=claim_text,
            stance=stance,
            first_mention=first_mention,
            reversal=reversal,
            status_after=status_after,
        )

        timeline_stance.additional_properties = d
        return timeline_stance

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
