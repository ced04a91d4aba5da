from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgreementOut")


@_attrs_define
class AgreementOut:
    """How two parties' sides compare over the claims both took sides on.

    Attributes:
        a (UUID): The party first by name.
        b (UUID):
        shared (int): Claims both took a side on (at least 1).
        agree (int): Of those, claims where their sides are the same.
        disagree (int): Claims where their sides are opposite.
    """

    a: UUID
    b: UUID
    shared: int
    agree: int
    disagree: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        a = str(self.a)

        b = str(self.b)

        shared = self.shared

        agree = self.agree

        disagree = self.disagree

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "a": a,
                "b": b,
                "shared": shared,
                "agree": agree,
                "disagree": disagree,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        a = UUID(d.pop("a"))

        b = UUID(d.pop("b"))

        shared = d.pop("shared")

        agree = d.pop("agree")

        disagree = d.pop("disagree")

        agreement_out = cls(
            a=a,
            b=b,
            shared=shared,
            agree=agree,
            disagree=disagree,
        )

        agreement_out.additional_properties = d
        return agreement_out

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
