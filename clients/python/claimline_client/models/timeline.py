from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_out import EventOut
    from ..models.timeline_item import TimelineItem


T = TypeVar("T", bound="Timeline")


@_attrs_define
class Timeline:
    """A page of an event's claim timeline: its statements by `said_at`, then by the order they
    were recorded (`desc`: the exact reverse). Filters choose the items shown; they never change
    the values computed over all of the event's kept statements.

        Attributes:
            event (EventOut): An event.
            items (list[TimelineItem]):
            next_cursor (None | str):
            prev_cursor (None | str | Unset): The cursor of the page just before this one, in the same order (null when
                nothing comes before it): with `next_cursor`, a reader pages both ways from any point, `at=` included.
    """

    event: EventOut
    items: list[TimelineItem]
    next_cursor: None | str
    prev_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event.to_dict()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        prev_cursor: None | str | Unset
        if isinstance(self.prev_cursor, Unset):
            prev_cursor = UNSET
        else:
            prev_cursor = self.prev_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "items": items,
                "next_cursor": next_cursor,
            }
        )
        if prev_cursor is not UNSET:
            field_dict["prev_cursor"] = prev_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_out import EventOut  # noqa: PLC0415
        from ..models.timeline_item import TimelineItem  # noqa: PLC0415

        d = dict(src_dict)
        event = EventOut.from_dict(d.pop("event"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = TimelineItem.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        def _parse_prev_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prev_cursor = _parse_prev_cursor(d.pop("prev_cursor", UNSET))

        timeline = cls(
            event=event,
            items=items,
            next_cursor=next_cursor,
            prev_cursor=prev_cursor,
        )

        timeline.additional_properties = d
        return timeline

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
