from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.side_out import SideOut


T = TypeVar("T", bound="ContradictionOut")


@_attrs_define
class ContradictionOut:
    """A contested claim: who supports it and who refutes it.

    Attributes:
        claim_id (UUID):
        supporting (list[SideOut]):
        refuting (list[SideOut]):
    """

    claim_id: UUID
    supporting: list[SideOut]
    refuting: list[SideOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claim_id = str(self.claim_id)

        supporting = []
        for supporting_item_data in self.supporting:
            supporting_item = supporting_item_data.to_dict()
            supporting.append(supporting_item)

        refuting = []
        for refuting_item_data in self.refuting:
            refuting_item = refuting_item_data.to_dict()
            refuting.append(refuting_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claim_id": claim_id,
                "supporting": supporting,
                "refuting": refuting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.side_out import SideOut  # noqa: PLC0415

        d = dict(src_dict)
        claim_id = UUID(d.pop("claim_id"))

        supporting = []
        _supporting = d.pop("supporting")
        for supporting_item_data in _supporting:
            supporting_item = SideOut.from_dict(supporting_item_data)

            supporting.append(supporting_item)

        refuting = []
        _refuting = d.pop("refuting")
        for refuting_item_data in _refuting:
            refuting_item = SideOut.from_dict(refuting_item_data)

            refuting.append(refuting_item)

        contradiction_out = cls(
            claim_id=claim_id,
            supporting=supporting,
            refuting=refuting,
        )

        contradiction_out.additional_properties = d
        return contradiction_out

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
