"""The step definitions of the features, loaded as plugins by the root conftest.py
(pytest_plugins), so that every feature binds them."""
