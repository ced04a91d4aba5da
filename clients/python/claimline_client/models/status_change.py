from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.claim_status import ClaimStatus
from ..models.precision import Precision

if TYPE_CHECKING:
    from ..models.source_summary import SourceSummary


T = TypeVar("T", bound="StatusChange")


@_attrs_define
class StatusChange:
    """A point where a claim's status changed: the kept statement whose stance moved it.

    Attributes:
        claim_id (UUID):
        statement_id (UUID):
        said_at (datetime.datetime):
        said_at_precision (Precision): How precisely `said_at` is known.
        status_before (ClaimStatus): Where a claim stands, from the sides the parties have taken on it.
        status (ClaimStatus): Where a claim stands, from the sides the parties have taken on it.
        party (SourceSummary): How a source appears inside other resources.
    """

    claim_id: UUID
    statement_id: UUID
    said_at: datetime.datetime
    said_at_precision: Precision
    status_before: ClaimStatus
    status: ClaimStatus
    party: SourceSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claim_id = str(self.claim_id)

        statement_id = str(self.statement_id)

        said_at = self.said_at.isoformat()

        said_at_precision = self.said_at_precision.value

        status_before = self.status_before.value

        status = self.status.value

        party = self.party.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claim_id": claim_id,
                "statement_id": statement_id,
                "said_at": said_at,
                "said_at_precision": said_at_precision,
                "status_before": status_before,
                "status": status,
                "party": party,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_summary import SourceSummary  # noqa: PLC0415

        d = dict(src_dict)
        claim_id = UUID(d.pop("claim_id"))

        statement_id = UUID(d.pop("statement_id"))

        said_at = datetime.datetime.fromisoformat(d.pop("said_at"))

        said_at_precision = Precision(d.pop("said_at_precision"))

        status_before = ClaimStatus(d.pop("status_before"))

        status = ClaimStatus(d.pop("status"))

        party = SourceSummary.from_dict(d.pop("party"))

        status_change = cls(
            claim_id=claim_id,
            statement_id=statement_id,
            said_at=said_at,
            said_at_precision=said_at_precision,
            status_before=status_before,
            status=status,
            party=party,
        )

        status_change.additional_properties = d
        return status_change

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
