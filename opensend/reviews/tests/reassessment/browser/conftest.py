"""Browser tests use the shared fixtures in testsupport/browser.py (registered in conftest.py)."""

from testsupport.browser import check_page, follow, go, sign_in, sign_out, submit

__all__ = ["check_page", "follow", "go", "sign_in", "sign_out", "submit"]
