"""Suspensions."""

from pytest_bdd import scenarios

scenarios("suspensions.feature")
