"""What goes wrong with one input: `InputError` for the caller, `Refused` inside the readers."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputError:
    """One input that could not be read, named so that a batch run can report it and go on."""
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class Refused(Exception):
    """Raised inside the readers: the reason one input becomes an InputError."""
