from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.source_kind import SourceKind

T = TypeVar("T", bound="SourceOut")


@_attrs_define
class SourceOut:
    """A source.

    Attributes:
        id (UUID):
        slug (str):
        name (str):
        kind (SourceKind): What kind of thing a source is.
        aliases (list[str]):
        description (str):
        homepage (None | str):
        same_as (list[str]):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    slug: str
    name: str
    kind: SourceKind
    aliases: list[str]
    description: str
    homepage: None | str
    same_as: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        slug = self.slug

        name = self.name

        kind = self.kind.value

        aliases = self.aliases

        description = self.description

        homepage: None | str
        homepage = self.homepage

        same_as = self.same_as

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "name": name,
                "kind": kind,
                "aliases": aliases,
                "description": description,
                "homepage": homepage,
                "same_as": same_as,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        slug = d.pop("slug")

        name = d.pop("name")

        kind = SourceKind(d.pop("kind"))

        aliases = cast(list[str], d.pop("aliases"))

        description = d.pop("description")

        def _parse_homepage(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        homepage = _parse_homepage(d.pop("homepage"))

        same_as = cast(list[str], d.pop("same_as"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        source_out = cls(
            id=id,
            slug=slug,
            name=name,
            kind=kind,
            aliases=aliases,
            description=description,
            homepage=homepage,
            same_as=same_as,
            created_at=created_at,
            updated_at=updated_at,
        )

        source_out.additional_properties = d
        return source_out

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
