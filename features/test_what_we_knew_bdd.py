"""What we knew, and when."""

import pytest
from pytest_bdd import scenarios

#: Every scenario runs on every kind of store (the fixture's parameters).
pytestmark = pytest.mark.usefixtures("store")

scenarios("what_we_knew.feature")
