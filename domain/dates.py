"""Dates in the world: when a fact happened, as precisely as it is known."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, model_validator

from domain.text import require_storable


class WorldDate(BaseModel):
    """An EDTF date with the earliest and the latest day it can stand for."""

    model_config = ConfigDict(frozen=True)

    edtf: str
    earliest: date
    latest: date

    @model_validator(mode="after")
    def _check_bounds(self) -> WorldDate:
        require_storable("edtf", self.edtf)
        if self.earliest > self.latest:
            msg = f"{self.edtf}: earliest day {self.earliest} is after {self.latest}"
            raise ValueError(msg)
        return self

    @classmethod
    def day(cls, value: date) -> WorldDate:
        """The single day `value`."""
        return cls(edtf=value.isoformat(), earliest=value, latest=value)

    def surely_by(self, day: date) -> bool:
        """Whether this had surely happened by the end of `day`."""
        return self.latest <= day

    def maybe_by(self, day: date) -> bool:
        """Whether this may, but need not, have happened by the end of `day`."""
        return self.earliest <= day < self.latest

    @property
    def order_key(self) -> tuple[date, date]:
        """Facts are ordered by the day by which they had surely happened."""
        return (self.latest, self.earliest)
