from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.timeline_item import TimelineItem


T = TypeVar("T", bound="Thread")


@_attrs_define
class Thread:
    """A statement with the chain it answers and every statement answering it.

    Attributes:
        ancestors (list[TimelineItem]): The statements it answers, root first.
        statement (TimelineItem): One statement in the timeline, with the party it speaks for.
        answers (list[TimelineItem]): Every statement answering it, directly or not, in timeline order.
    """

    ancestors: list[TimelineItem]
    statement: TimelineItem
    answers: list[TimelineItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ancestors = []
        for ancestors_item_data in self.ancestors:
            ancestors_item = ancestors_item_data.to_dict()
            ancestors.append(ancestors_item)

        statement = self.statement.to_dict()

        answers = []
        for answers_item_data in self.answers:
            answers_item = answers_item_data.to_dict()
            answers.append(answers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ancestors": ancestors,
                "statement": statement,
                "answers": answers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_item import TimelineItem  # noqa: PLC0415

        d = dict(src_dict)
        ancestors = []
        _ancestors = d.pop("ancestors")
        for ancestors_item_data in _ancestors:
            ancestors_item = TimelineItem.from_dict(ancestors_item_data)

            ancestors.append(ancestors_item)

        statement = TimelineItem.from_dict(d.pop("statement"))

        answers = []
        _answers = d.pop("answers")
        for answers_item_data in _answers:
            answers_item = TimelineItem.from_dict(answers_item_data)

            answers.append(answers_item)

        thread = cls(
            ancestors=ancestors,
            statement=statement,
            answers=answers,
        )

        thread.additional_properties = d
        return thread

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
