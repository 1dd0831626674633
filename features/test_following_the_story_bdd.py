"""Following the story, a source at a time."""

import pytest
from pytest_bdd import scenarios

#: Every scenario runs on every kind of store (the fixture's parameters).
pytestmark = pytest.mark.usefixtures("store")

scenarios("following_the_story.feature")
