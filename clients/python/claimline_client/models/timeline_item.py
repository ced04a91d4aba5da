from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source_summary import SourceSummary
    from ..models.statement_out import StatementOut
    from ..models.timeline_stance import TimelineStance


T = TypeVar("T", bound="TimelineItem")


@_attrs_define
class TimelineItem:
    """One statement in the timeline, with the party it speaks for.

    Attributes:
        statement (StatementOut): A recorded statement.
        party (SourceSummary): How a source appears inside other resources.
        stances (list[TimelineStance]):
    """

    statement: StatementOut
    party: SourceSummary
    stances: list[TimelineStance]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        statement = self.statement.to_dict()

        party = self.party.to_dict()

        stances = []
        for stances_item_data in self.stances:
            stances_item = stances_item_data.to_dict()
            stances.append(stances_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "statement": statement,
                "party": party,
                "stances": stances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_summary import SourceSummary  # noqa: PLC0415
        from ..models.statement_out import StatementOut  # noqa: PLC0415
        from ..models.timeline_stance import TimelineStance  # noqa: PLC0415

        d = dict(src_dict)
        statement = StatementOut.from_dict(d.pop("statement"))

        party = SourceSummary.from_dict(d.pop("party"))

        stances = []
        _stances = d.pop("stances")
        for stances_item_data in _stances:
            stances_item = TimelineStance.from_dict(stances_item_data)

            stances.append(stances_item)

        timeline_item = cls(
            statement=statement,
            party=party,
            stances=stances,
        )

        timeline_item.additional_properties = d
        return timeline_item

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
