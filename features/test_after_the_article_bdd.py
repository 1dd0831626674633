"""The world after the article."""

import pytest
from pytest_bdd import scenarios

#: Every scenario runs on every kind of store (the fixture's parameters).
pytestmark = pytest.mark.usefixtures("store")

scenarios("after_the_article.feature")
