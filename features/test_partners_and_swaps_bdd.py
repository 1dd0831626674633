"""Partners and swaps."""

from pytest_bdd import scenarios

scenarios("partners_and_swaps.feature")
