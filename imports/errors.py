"""Errors of the import pipeline: row/column errors collected in a bounded sink, and the
failures that stop an import before any row is looked at."""

from __future__ import annotations

from dataclasses import dataclass

from imports import messages


class ImportFailure(Exception):
    """The import cannot run at all (the CLI exits with 2). ``message`` is in the language active
    when it was raised (an ``imports.messages.Message`` where it comes from the readers, so that a
    job stores it to be rendered in its reader's language)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnreadableFile(ImportFailure):
    """Wrong type, too big, zip bomb, XXE, corrupt, not UTF-8…"""


class UnknownKind(ImportFailure):
    """No sheet of that kind is registered."""


class ImportBusy(ImportFailure):
    """Another import of the same organisation scope is validating or running."""


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem: the row number as Excel shows it (header = 1; None for the whole file), the
    column header as the file spells it (None when no column applies), the offending value as
    text and a message naming the value and what is allowed.

    ``message`` is an ``imports.messages.Message`` (a ``str`` in the language it was made in that
    also knows its msgid and parameters): ``as_dict`` stores the msgid and parameters, and
    ``from_dict`` renders them again in the active language — the reader's. A job stored before
    messages were stored that way holds plain text, shown as it is."""

    row: int | None
    column: str | None
    value: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "message": messages.spec(self.message)}

    @classmethod
    def from_dict(cls, data: dict) -> RowError:
        return cls(data.get("row"), data.get("column"), data.get("value", ""), messages.message(data.get("message")))

    def line(self) -> str:
        """The command-line form: ``row R, column C: message``."""
        return f"row {self.row if self.row is not None else '-'}, column {self.column or '-'}: {self.message}"


def show(value, limit: int = 100) -> str:
    """A cell value as text for messages (dates as dd/mm/yyyy), cut to ``limit`` characters."""
    if value is None:
        return ""
    if hasattr(value, "strftime") and hasattr(value, "year") and not hasattr(value, "hour"):
        text = value.strftime("%d/%m/%Y")
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ErrorSink:
    """Collects every error but keeps only the first ``limit`` in memory (``total`` counts all).
    ``labels`` maps a column name to the header as the file spells it."""

    def __init__(self, limit: int | None = 10_000):
        self.limit = limit
        self.kept: list[RowError] = []
        self.total = 0
        self.labels: dict[str, str] = {}

    def __bool__(self) -> bool:
        return self.total > 0

    def add(self, row: int | None, column: str | None, value, message: str) -> None:
        """``column`` is a column name (``parent_code``), shown as the file's header for it;
        ``None`` when no column applies."""
        self.add_at(row, self.labels.get(column, column) if column else None, value, message)

    def add_at(self, row: int | None, label: str | None, value, message: str) -> None:
        """Like ``add`` with the column exactly as it should be shown (a header, a letter)."""
        self.total += 1
        if self.limit is None or len(self.kept) < self.limit:
            self.kept.append(RowError(row, label, show(value), message))

    def sorted(self) -> list[RowError]:
        """By row (errors about the whole file first); within a row, in the order found
        (cells left to right, then the rules across rows)."""
        return sorted(self.kept, key=lambda e: e.row or 0)
