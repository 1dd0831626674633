"""Seeding from the article."""

from pytest_bdd import scenarios

scenarios("seeding.feature")
