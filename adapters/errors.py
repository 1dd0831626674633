"""Errors in what a person typed: reported as usage errors, nothing is written."""


class InputError(ValueError):
    """Input that cannot be used as given; the message says what would do."""


class UnknownMission(InputError, LookupError):
    """A name that matches no tracked mission."""


class UnknownEvent(InputError, LookupError):
    """An id that starts no recorded event's."""
