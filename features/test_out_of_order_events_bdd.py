"""Out-of-order events."""

from pytest_bdd import scenarios

scenarios("out_of_order_events.feature")
