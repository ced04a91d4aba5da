from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stance_kind import StanceKind

T = TypeVar("T", bound="StanceOut")


@_attrs_define
class StanceOut:
    """A statement's stance on a claim.

    Attributes:
        claim_id (UUID):
        claim_text (str):
        stance (StanceKind): The attitude a statement takes towards a claim.
        quote (None | str):
    """

    claim_id: UUID
    claim_text: str
    stance: StanceKind
    quote: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claim_id = str(self.claim_id)

        claim_text = self.claim_text

        stance = self.stance.value

        quote: None | str
        quote = self.quote

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claim_id": claim_id,
                "claim_text": claim_text,
                "stance": stance,
                "quote": quote,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        claim_id = UUID(d.pop("claim_id"))

        claim_text = d.pop("claim_text")

        stance = StanceKind(d.pop("stance"))

        def _parse_quote(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quote = _parse_quote(d.pop("quote"))

        stance_out = cls(
            claim_id=claim_id,
            claim_text=claim_text,
            stance=stance,
            quote=quote,
        )

        stance_out.additional_properties = d
        return stance_out

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
