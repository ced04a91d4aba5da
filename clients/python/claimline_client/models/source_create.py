from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.source_kind import SourceKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="SourceCreate")


@_attrs_define
class SourceCreate:
    """A new source. The slug is derived from the name when not given.

    Attributes:
        name (str):
        kind (SourceKind | Unset): What kind of thing a source is.
        slug (None | str | Unset):
        aliases (list[str] | Unset):
        description (str | Unset):  Default: ''.
        homepage (None | str | Unset):
        same_as (list[str] | Unset): URLs naming the same source elsewhere (a Wikidata item
            `https://www.wikidata.org/wiki/Q…`, an official page): schema.org `sameAs`.
    """

    name: str
    kind: SourceKind | Unset = UNSET
    slug: None | str | Unset = UNSET
    aliases: list[str] | Unset = UNSET
    description: str | Unset = ""
    homepage: None | str | Unset = UNSET
    same_as: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        slug: None | str | Unset
        if isinstance(self.slug, Unset):
            slug = UNSET
        else:
            slug = self.slug

        aliases: list[str] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = self.aliases

        description = self.description

        homepage: None | str | Unset
        if isinstance(self.homepage, Unset):
            homepage = UNSET
        else:
            homepage = self.homepage

        same_as: list[str] | Unset = UNSET
        if not isinstance(self.same_as, Unset):
            same_as = self.same_as

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if slug is not UNSET:
            field_dict["slug"] = slug
        if aliases is not UNSET:
            field_dict["aliases"] = aliases
        if description is not UNSET:
            field_dict["description"] = description
        if homepage is not UNSET:
            field_dict["homepage"] = homepage
        if same_as is not UNSET:
            field_dict["same_as"] = same_as

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        _kind = d.pop("kind", UNSET)
        kind: SourceKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = SourceKind(_kind)

        def _parse_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        slug = _parse_slug(d.pop("slug", UNSET))

        aliases = cast(list[str], d.pop("aliases", UNSET))

        description = d.pop("description", UNSET)

        def _parse_homepage(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        homepage = _parse_homepage(d.pop("homepage", UNSET))

        same_as = cast(list[str], d.pop("same_as", UNSET))

        source_create = cls(
            name=name,
            kind=kind,
            slug=slug,
            aliases=aliases,
            description=description,
            homepage=homepage,
            same_as=same_as,
        )

        return source_create
