from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.statement_create import StatementCreate


T = TypeVar("T", bound="StatementBatch")


@_attrs_define
class StatementBatch:
    """Up to 1000 statements, recorded all together or not at all.

    Attributes:
        statements (list[StatementCreate]):
    """

    statements: list[StatementCreate]

    def to_dict(self) -> dict[str, Any]:
        statements = []
        for statements_item_data in self.statements:
            statements_item = statements_item_data.to_dict()
            statements.append(statements_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "statements": statements,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.statement_create import StatementCreate  # noqa: PLC0415

        d = dict(src_dict)
        statements = []
        _statements = d.pop("statements")
        for statements_item_data in _statements:
            statements_item = StatementCreate.from_dict(statements_item_data)

            statements.append(statements_item)

        statement_batch = cls(
            statements=statements,
        )

        return statement_batch
