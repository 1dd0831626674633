"""A window with uncertain dates."""

import pytest
from pytest_bdd import scenarios

#: Every scenario runs on every kind of store (the fixture's parameters).
pytestmark = pytest.mark.usefixtures("store")

scenarios("uncertain_windows.feature")
