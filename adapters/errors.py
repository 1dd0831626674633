"""Errors in what a person typed: reported as usage errors, nothing is written."""


class InputError(ValueError):
    """Input that cannot be used as given; the message says what would do."""


class UnknownMission(InputError, LookupError):
    """A name that matches no tracked mission."""


class UnknownEvent(InputError, LookupError):
    """An id that starts no recorded event's."""


def invalid(error: Exception) -> str:
    """What is wrong with a value built from input, in one line: for pydantic's
    ValidationError, its first error's field, then why (without the suffix of
    type and input); else the error's first line."""
    from pydantic import ValidationError

    from domain.text import Unstorable

    if isinstance(error, ValidationError):
        detail = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in detail["loc"])
        cause = detail.get("ctx", {}).get("error")
        if isinstance(cause, Unstorable):
            return cause.within(where)
        why = str(detail["msg"]).removeprefix("Value error, ")
        return f"{where} {why}" if where else why
    first = str(error).splitlines()
    return first[0] if first else type(error).__name__


def field_of(error: Exception) -> str | None:
    """The field a ValidationError is about: where it was found, or for a text
    no store can hold (domain.text.Unstorable), the field that holds it."""
    from pydantic import ValidationError

    from domain.text import Unstorable

    if not isinstance(error, ValidationError):
        return None
    detail = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in detail["loc"])
    cause = detail.get("ctx", {}).get("error")
    if isinstance(cause, Unstorable):
        return f"{where}.{cause.field}" if where else cause.field
    return where or None
