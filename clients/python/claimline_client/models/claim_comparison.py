from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.claim_status import ClaimStatus

if TYPE_CHECKING:
    from ..models.position_out import PositionOut
    from ..models.review_mention import ReviewMention


T = TypeVar("T", bound="ClaimComparison")


@_attrs_define
class ClaimComparison:
    """A claim with each party's position.

    Attributes:
        claim_id (UUID):
        text (str):
        status (ClaimStatus): Where a claim stands, from the sides the parties have taken on it.
        positions (list[PositionOut]): One per party, by party name.
        independent_supporters (int): How many parties support the claim independently.
        independent_refuters (int): How many parties refute the claim independently.
        reviews (list[ReviewMention]): Fact-checkers' reviews of the claim, in the order recorded.
    """

    claim_id: UUID
    text: str
    status: ClaimStatus
    positions: list[PositionOut]
    independent_supporters: int
    independent_refuters: int
    reviews: list[ReviewMention]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claim_id = str(self.claim_id)

        text = self.text

        status = self.status.value

        positions = []
        for positions_item_data in self.positions:
            positions_item = positions_item_data.to_dict()
            positions.append(positions_item)

        independent_supporters = self.independent_supporters

        independent_refuters = self.independent_refuters

        reviews = []
        for reviews_item_data in self.reviews:
            reviews_item = reviews_item_data.to_dict()
            reviews.append(reviews_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claim_id": claim_id,
                "text": text,
                "status": status,
                "positions": positions,
                "independent_supporters": independent_supporters,
                "independent_refuters": independent_refuters,
                "reviews": reviews,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.position_out import PositionOut  # noqa: PLC0415
        from ..models.review_mention import ReviewMention  # noqa: PLC0415

        d = dict(src_dict)
        claim_id = UUID(d.pop("claim_id"))

        text = d.pop("text")

        status = ClaimStatus(d.pop("status"))

        positions = []
        _positions = d.pop("positions")
        for positions_item_data in _positions:
            positions_item = PositionOut.from_dict(positions_item_data)

            positions.append(positions_item)

        independent_supporters = d.pop("independent_supporters")

        independent_refuters = d.pop("independent_refuters")

        reviews = []
        _reviews = d.pop("reviews")
        for reviews_item_data in _reviews:
            reviews_item = ReviewMention.from_dict(reviews_item_data)

            reviews.append(reviews_item)

        claim_comparison = cls(
            claim_id=claim_id,
            text=text,
            status=status,
            positions=positions,
            independent_supporters=independent_supporters,
            independent_refuters=independent_refuters,
            reviews=reviews,
        )

        claim_comparison.additional_properties = d
        return claim_comparison

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
