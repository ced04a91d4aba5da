from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stance_kind import StanceKind

T = TypeVar("T", bound="PositionOut")


@_attrs_define
class PositionOut:
    """A party's position on a claim: its latest stance, held since `since`.

    Attributes:
        source_id (UUID):
        stance (StanceKind): The attitude a statement takes towards a claim.
        since (datetime.datetime): `said_at` of the statement from which this position has held without a break
            (repeating the same stance does not move it).
        statement_id (UUID): That statement.
        changed (bool): The party has taken both sides (`supports` and `refutes`) of the claim.
        independent (bool | None): The party holds its side independently: one of its kept statements taking that side,
            since the side has held, does not echo (is not based, through `based_on` links of kept statements, on another
            party's statement taking the same stance on the claim). Null when the party has no side.
    """

    source_id: UUID
    stance: StanceKind
    since: datetime.datetime
    statement_id: UUID
    changed: bool
    independent: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = str(self.source_id)

        stance = self.stance.value

        since = self.since.isoformat()

        statement_id = str(self.statement_id)

        changed = self.changed

        independent: bool | None
        independent = self.independent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source_id": source_id,
                "stance": stance,
                "since": since,
                "statement_id": statement_id,
                "changed": changed,
                "independent": independent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_id = UUID(d.pop("source_id"))

        stance = StanceKind(d.pop("stance"))

        since = datetime.datetime.fromisoformat(d.pop("since"))

        statement_id = UUID(d.pop("statement_id"))

        changed = d.pop("changed")

        def _parse_independent(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        independent = _parse_independent(d.pop("independent"))

        position_out = cls(
            source_id=source_id,
            stance=stance,
            since=since,
            statement_id=statement_id,
            changed=changed,
            independent=independent,
        )

        position_out.additional_properties = d
        return position_out

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
