from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source_summary import SourceSummary


T = TypeVar("T", bound="RelayingSource")


@_attrs_define
class RelayingSource:
    """A source met in the `via` of kept statements and party to none of them, with what it
    relayed: it passed on others' words without taking a side itself.

        Attributes:
            source (SourceSummary): How a source appears inside other resources.
            relayed_statements (int): Kept statements it relayed.
            relayed_parties (list[SourceSummary]): The parties of those statements, by name.
    """

    source: SourceSummary
    relayed_statements: int
    relayed_parties: list[SourceSummary]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source.to_dict()

        relayed_statements = self.relayed_statements

        relayed_parties = []
        for relayed_parties_item_data in self.relayed_parties:
            relayed_parties_item = relayed_parties_item_data.to_dict()
            relayed_parties.append(relayed_parties_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "relayed_statements": relayed_statements,
                "relayed_parties": relayed_parties,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_summary import SourceSummary  # noqa: PLC0415

        d = dict(src_dict)
        source = SourceSummary.from_dict(d.pop("source"))

        relayed_statements = d.pop("relayed_statements")

        relayed_parties = []
        _relayed_parties = d.pop("relayed_parties")
        for relayed_parties_item_data in _relayed_parties:
            relayed_parties_item = SourceSummary.from_dict(relayed_parties_item_data)

            relayed_parties.append(relayed_parties_item)

        relaying_source = cls(
            source=source,
            relayed_statements=relayed_statements,
            relayed_parties=relayed_parties,
        )

        relaying_source.additional_properties = d
        return relaying_source

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
