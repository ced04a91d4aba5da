from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SideOut")


@_attrs_define
class SideOut:
    """A party's side on a contested claim, held since the statement named.

    Attributes:
        source_id (UUID):
        statement_id (UUID): The statement from which this side has held.
        said_at (datetime.datetime):
    """

    source_id: UUID
    statement_id: UUID
    said_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = str(self.source_id)

        statement_id = str(self.statement_id)

        said_at = self.said_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source_id": source_id,
                "statement_id": statement_id,
                "said_at": said_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_id = UUID(d.pop("source_id"))

        statement_id = UUID(d.pop("statement_id"))

        said_at = datetime.datetime.fromisoformat(d.pop("said_at"))

        side_out = cls(
            source_id=source_id,
            statement_id=statement_id,
            said_at=said_at,
        )

        side_out.additional_properties = d
        return side_out

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
