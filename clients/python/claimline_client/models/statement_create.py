from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.medium import Medium
from ..models.precision import Precision
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.inline_event import InlineEvent
    from ..models.relay_in import RelayIn
    from ..models.source_create import SourceCreate
    from ..models.stance_in import StanceIn


T = TypeVar("T", bound="StatementCreate")


@_attrs_define
class StatementCreate:
    """A statement to record. Statements are immutable: a correction is a new statement and a
    retraction of the old one.

        Attributes:
            event (InlineEvent | str): An event's id or slug, or `{slug, title, ...}` to get or create.
            speaker (SourceCreate | str): A source's id or slug, or `{name, kind?, ...}`: the source whose name or alias
                matches the name (any case), created when none does.
            text (str):
            said_at (datetime.datetime):
            on_behalf_of (None | SourceCreate | str | Unset):
            said_at_precision (Precision | Unset): How precisely `said_at` is known.
            medium (Medium | Unset): Through what a statement was made.
            url (None | str | Unset):
            archive_url (None | str | Unset): An archived copy of the statement's page.
            language (None | str | Unset):
            responds_to (None | Unset | UUID): The id of the statement of the same event that this one answers.
            based_on (list[UUID] | Unset): Ids of statements of the same event that this one repeats or reports.
            via (list[RelayIn] | Unset): Nearest relay first.
            claims (list[StanceIn] | Unset):
    """

    event: InlineEvent | str
    speaker: SourceCreate | str
    text: str
    said_at: datetime.datetime
    on_behalf_of: None | SourceCreate | str | Unset = UNSET
    said_at_precision: Precision | Unset = UNSET
    medium: Medium | Unset = UNSET
    url: None | str | Unset = UNSET
    archive_url: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    responds_to: None | Unset | UUID = UNSET
    based_on: list[UUID] | Unset = UNSET
    via: list[RelayIn] | Unset = UNSET
    claims: list[StanceIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.inline_event import InlineEvent  # noqa: PLC0415
        from ..models.source_create import SourceCreate  # noqa: PLC0415

        event: dict[str, Any] | str
        if isinstance(self.event, InlineEvent):
            event = self.event.to_dict()
        else:
            event = self.event

        speaker: dict[str, Any] | str
        if isinstance(self.speaker, SourceCreate):
            speaker = self.speaker.to_dict()
        else:
            speaker = self.speaker

        text = self.text

        said_at = self.said_at.isoformat()

        on_behalf_of: dict[str, Any] | None | str | Unset
        if isinstance(self.on_behalf_of, Unset):
            on_behalf_of = UNSET
        elif isinstance(self.on_behalf_of, SourceCreate):
            on_behalf_of = self.on_behalf_of.to_dict()
        else:
            on_behalf_of = self.on_behalf_of

        said_at_precision: str | Unset = UNSET
        if not isinstance(self.said_at_precision, Unset):
            said_at_precision = self.said_at_precision.value

        medium: str | Unset = UNSET
        if not isinstance(self.medium, Unset):
            medium = self.medium.value

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        archive_url: None | str | Unset
        if isinstance(self.archive_url, Unset):
            archive_url = UNSET
        else:
            archive_url = self.archive_url

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        responds_to: None | str | Unset
        if isinstance(self.responds_to, Unset):
            responds_to = UNSET
        elif isinstance(self.responds_to, UUID):
            responds_to = str(self.responds_to)
        else:
            responds_to = self.responds_to

        based_on: list[str] | Unset = UNSET
        if not isinstance(self.based_on, Unset):
            based_on = []
            for based_on_item_data in self.based_on:
                based_on_item = str(based_on_item_data)
                based_on.append(based_on_item)

        via: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.via, Unset):
            via = []
            for via_item_data in self.via:
                via_item = via_item_data.to_dict()
                via.append(via_item)

        claims: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.claims, Unset):
            claims = []
            for claims_item_data in self.claims:
                claims_item = claims_item_data.to_dict()
                claims.append(claims_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event": event,
                "speaker": speaker,
                "text": text,
                "said_at": said_at,
            }
        )
        if on_behalf_of is not UNSET:
            field_dict["on_behalf_of"] = on_behalf_of
        if said_at_precision is not UNSET:
            field_dict["said_at_precision"] = said_at_precision
        if medium is not UNSET:
            field_dict["medium"] = medium
        if url is not UNSET:
            field_dict["url"] = url
        if archive_url is not UNSET:
            field_dict["archive_url"] = archive_url
        if language is not UNSET:
            field_dict["language"] = language
        if responds_to is not UNSET:
            field_dict["responds_to"] = responds_to
        if based_on is not UNSET:
            field_dict["based_on"] = based_on
        if via is not UNSET:
            field_dict["via"] = via
        if claims is not UNSET:
            field_dict["claims"] = claims

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.inline_event import InlineEvent  # noqa: PLC0415
        from ..models.relay_in import RelayIn  # noqa: PLC0415
        from ..models.source_create import SourceCreate  # noqa: PLC0415
        from ..models.stance_in import StanceIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_event(data: object) -> InlineEvent | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                event_type_1 = InlineEvent.from_dict(data)

                return event_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InlineEvent | str, data)

        event = _parse_event(d.pop("event"))

        def _parse_speaker(data: object) -> SourceCreate | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                speaker_type_1 = SourceCreate.from_dict(data)

                return speaker_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SourceCreate | str, data)

        speaker = _parse_speaker(d.pop("speaker"))

        text = d.pop("text")

        said_at = datetime.datetime.fromisoformat(d.pop("said_at"))

        def _parse_on_behalf_of(data: object) -> None | SourceCreate | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                on_behalf_of_type_0_type_1 = SourceCreate.from_dict(data)

                return on_behalf_of_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SourceCreate | str | Unset, data)

        on_behalf_of = _parse_on_behalf_of(d.pop("on_behalf_of", UNSET))

        _said_at_precision = d.pop("said_at_precision", UNSET)
        said_at_precision: Precision | Unset
        if isinstance(_said_at_precision, Unset):
            said_at_precision = UNSET
        else:
            said_at_precision = Precision(_said_at_precision)

        _medium = d.pop("medium", UNSET)
        medium: Medium | Unset
        if isinstance(_medium, Unset):
            medium = UNSET
        else:
            medium = Medium(_medium)

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_archive_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        archive_url = _parse_archive_url(d.pop("archive_url", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_responds_to(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responds_to_type_0 = UUID(data)

                return responds_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        responds_to = _parse_responds_to(d.pop("responds_to", UNSET))

        _based_on = d.pop("based_on", UNSET)
        based_on: list[UUID] | Unset = UNSET
        if _based_on is not UNSET:
            based_on = []
            for based_on_item_data in _based_on:
                based_on_item = UUID(based_on_item_data)

                based_on.append(based_on_item)

        _via = d.pop("via", UNSET)
        via: list[RelayIn] | Unset = UNSET
        if _via is not UNSET:
            via = []
            for via_item_data in _via:
                via_item = RelayIn.from_dict(via_item_data)

                via.append(via_item)

        _claims = d.pop("claims", UNSET)
        claims: list[StanceIn] | Unset = UNSET
        if _claims is not UNSET:
            claims = []
            for claims_item_data in _claims:
                claims_item = StanceIn.from_dict(claims_item_data)

                claims.append(claims_item)

        statement_create = cls(
            event=event,
            speaker=speaker,
            text=text,
            said_at=said_at,
            on_behalf_of=on_behalf_of,
            said_at_precision=said_at_precision,
            medium=medium,
            url=url,
            archive_url=archive_url,
            language=language,
            responds_to=responds_to,
            based_on=based_on,
            via=via,
            claims=claims,
        )

        return statement_create
