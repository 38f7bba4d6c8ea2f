"""Run axe-core (vendored under tests/browser/vendor/axe-core) on a Playwright page.

The script is evaluated through the DevTools protocol, so the app's Content Security Policy
(which rightly forbids inline and foreign scripts) does not have to be loosened for tests.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"

# WCAG 2.0/2.1 A and AA plus axe's best practices: "zero violations of any impact".
_RUN = """
async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
  }));
}
"""


@cache
def _source() -> str:
    return _AXE.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """Every axe violation on the page as it is now: id, impact, help and up to 5 targets."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_source())
    return page.evaluate(_RUN)


def assert_no_axe_violations(page, where: str = "") -> None:
    """Fail with a readable list when axe finds any violation, of any impact."""
    violations = axe_violations(page)
    lines = [
        f"  {v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}"
        for v in violations
    ]
    assert not violations, f"axe violations {where or page.url}:\n" + "\n".join(lines)
