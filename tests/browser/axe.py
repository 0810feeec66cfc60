"""axe-core (pinned in tests/browser/package.json, from the npm registry) run inside Chromium."""

import os
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """The WCAG 2.1 A and AA violations on the page as it is now (id, impact and where)."""
    if not AXE_JS.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE_JS} is missing in CI: `make test` installs it with npm")
        pytest.skip("axe-core is not installed (npm ci --prefix tests/browser)")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_21_AA,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in result["violations"]
    ]
