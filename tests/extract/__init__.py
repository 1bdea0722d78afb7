"""Tests (a package, so that each folder's conftest.py has its own module name)."""
