"""Corrections and retractions."""

from pytest_bdd import scenarios

scenarios("corrections.feature")
