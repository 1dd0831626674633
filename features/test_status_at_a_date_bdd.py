"""Status at a date."""

from pytest_bdd import scenarios

scenarios("status_at_a_date.feature")
