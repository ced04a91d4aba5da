from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source_summary import SourceSummary


T = TypeVar("T", bound="ReviewOut")


@_attrs_define
class ReviewOut:
    """A review of a claim. Reviews never change a claim's status.

    Attributes:
        id (UUID):
        claim_id (UUID):
        reviewer (SourceSummary): How a source appears inside other resources.
        rating (str):
        rating_value (int | None):
        best_rating (int | None):
        worst_rating (int | None):
        url (str):
        published_at (datetime.datetime):
        summary (None | str):
        recorded_at (datetime.datetime):
    """

    id: UUID
    claim_id: UUID
    reviewer: SourceSummary
    rating: str
    rating_value: int | None
    best_rating: int | None
    worst_rating: int | None
    url: str
    published_at: datetime.datetime
    summary: None | str
    recorded_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        claim_id = str(self.claim_id)

        reviewer = self.reviewer.to_dict()

        rating = self.rating

        rating_value: int | None
        rating_value = self.rating_value

        best_rating: int | None
        best_rating = self.best_rating

        worst_rating: int | None
        worst_rating = self.worst_rating

        url = self.url

        published_at = self.published_at.isoformat()

        summary: None | str
        summary = self.summary

        recorded_at = self.recorded_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "claim_id": claim_id,
                "reviewer": reviewer,
                "rating": rating,
                "rating_value": rating_value,
                "best_rating": best_rating,
                "worst_rating": worst_rating,
                "url": url,
                "published_at": published_at,
                "summary": summary,
                "recorded_at": recorded_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_summary import SourceSummary  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        claim_id = UUID(d.pop("claim_id"))

        reviewer = SourceSummary.from_dict(d.pop("reviewer"))

        rating = d.pop("rating")

        def _parse_rating_value(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rating_value = _parse_rating_value(d.pop("rating_value"))

        def _parse_best_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        best_rating = _parse_best_rating(d.pop("best_rating"))

        def _parse_worst_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        worst_rating = _parse_worst_rating(d.pop("worst_rating"))

        url = d.pop("url")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        review_out = cls(
            id=id,
            claim_id=claim_id,
            reviewer=reviewer,
            rating=rating,
            rating_value=rating_value,
            best_rating=best_rating,
            worst_rating=worst_rating,
            url=url,
            published_at=published_at,
            summary=summary,
            recorded_at=recorded_at,
        )

        review_out.additional_properties = d
        return review_out

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
