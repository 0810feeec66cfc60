from tests.browser.conftest import page  # noqa: F401 - the Chromium page fixture
