from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.source_create import SourceCreate


T = TypeVar("T", bound="ReviewCreate")


@_attrs_define
class ReviewCreate:
    """A published fact check of the claim.

    Attributes:
        reviewer (SourceCreate | str): A source's id or slug, or `{name, kind?, ...}`: the source whose name or alias
            matches the name (any case), created when none does.
        rating (str): As published: "False", ….
        url (str): The published fact check.
        published_at (datetime.datetime):
        rating_value (int | None | Unset):
        best_rating (int | None | Unset):
        worst_rating (int | None | Unset):
        summary (None | str | Unset):
    """

    reviewer: SourceCreate | str
    rating: str
    url: str
    published_at: datetime.datetime
    rating_value: int | None | Unset = UNSET
    best_rating: int | None | Unset = UNSET
    worst_rating: int | None | Unset = UNSET
    summary: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.source_create import SourceCreate  # noqa: PLC0415

        reviewer: dict[str, Any] | str
        if isinstance(self.reviewer, SourceCreate):
            reviewer = self.reviewer.to_dict()
        else:
            reviewer = self.reviewer

        rating = self.rating

        url = self.url

        published_at = self.published_at.isoformat()

        rating_value: int | None | Unset
        if isinstance(self.rating_value, Unset):
            rating_value = UNSET
        else:
            rating_value = self.rating_value

        best_rating: int | None | Unset
        if isinstance(self.best_rating, Unset):
            best_rating = UNSET
        else:
            best_rating = self.best_rating

        worst_rating: int | None | Unset
        if isinstance(self.worst_rating, Unset):
            worst_rating = UNSET
        else:
            worst_rating = self.worst_rating

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reviewer": reviewer,
                "rating": rating,
                "url": url,
                "published_at": published_at,
            }
        )
        if rating_value is not UNSET:
            field_dict["rating_value"] = rating_value
        if best_rating is not UNSET:
            field_dict["best_rating"] = best_rating
        if worst_rating is not UNSET:
            field_dict["worst_rating"] = worst_rating
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_create import SourceCreate  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_reviewer(data: object) -> SourceCreate | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reviewer_type_1 = SourceCreate.from_dict(data)

                return reviewer_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SourceCreate | str, data)

        reviewer = _parse_reviewer(d.pop("reviewer"))

        rating = d.pop("rating")

        url = d.pop("url")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        def _parse_rating_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rating_value = _parse_rating_value(d.pop("rating_value", UNSET))

        def _parse_best_rating(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        best_rating = _parse_best_rating(d.pop("best_rating", UNSET))

        def _parse_worst_rating(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        worst_rating = _parse_worst_rating(d.pop("worst_rating", UNSET))

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        review_create = cls(
            reviewer=reviewer,
            rating=rating,
            url=url,
            published_at=published_at,
            rating_value=rating_value,
            best_rating=best_rating,
            worst_rating=worst_rating,
            summary=summary,
        )

        return review_create
