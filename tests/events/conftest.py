from tests.browser.conftest import page  # noqa: F401
