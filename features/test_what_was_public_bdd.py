"""What was public on 2 March 2022."""

import pytest
from pytest_bdd import scenarios

#: Every scenario runs on every kind of store (the fixture's parameters).
pytestmark = pytest.mark.usefixtures("store")

scenarios("what_was_public.feature")
