"""The event log."""

from pytest_bdd import scenarios

scenarios("event_log.feature")
