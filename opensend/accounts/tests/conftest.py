"""Fixtures for the accounts tests."""

from testsupport.one_login import one_login  # noqa: F401  (a stub GOV.UK One Login)
