"""History and changes."""

from pytest_bdd import scenarios

scenarios("history_and_changes.feature")
