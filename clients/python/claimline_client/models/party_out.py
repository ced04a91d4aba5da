from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source_summary import SourceSummary


T = TypeVar("T", bound="PartyOut")


@_attrs_define
class PartyOut:
    """A party: a source that kept statements speak for.

    Attributes:
        source (SourceSummary): How a source appears inside other resources.
        statements (int): How many kept statements speak for it.
        claims_addressed (int): How many claims it took any stance on (`questions`, `neutral` count).
    """

    source: SourceSummary
    statements: int
    claims_addressed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source.to_dict()

        statements = self.statements

        claims_addressed = self.claims_addressed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "statements": statements,
                "claims_addressed": claims_addressed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_summary import SourceSummary  # noqa: PLC0415

        d = dict(src_dict)
        source = SourceSummary.from_dict(d.pop("source"))

        statements = d.pop("statements")

        claims_addressed = d.pop("claims_addressed")

        party_out = cls(
            source=source,
            statements=statements,
            claims_addressed=claims_addressed,
        )

        party_out.additional_properties = d
        return party_out

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
