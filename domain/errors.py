"""The error the model raises when a fact cannot be recorded as given."""


class DomainError(Exception):
    """A fact that cannot be recorded as given."""
