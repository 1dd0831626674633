"""Uncertain dates."""

from pytest_bdd import scenarios

scenarios("uncertain_dates.feature")
