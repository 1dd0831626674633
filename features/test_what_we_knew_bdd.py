"""What we knew, and when."""

from pytest_bdd import scenarios

scenarios("what_we_knew.feature")
