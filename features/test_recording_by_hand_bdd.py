"""Recording by hand."""

from pytest_bdd import scenarios

scenarios("recording_by_hand.feature")
