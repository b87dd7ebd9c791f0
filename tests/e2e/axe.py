"""Accessibility checks with axe-core, the copy shipped inside `axe-playwright-python`.

`Axe.run` injects axe with `page.evaluate`, which the page's Content-Security-Policy does
not block (a `<script>` tag added to the page would be), so the portal's pages are checked
with their real CSP on.
"""

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what the portal promises (2.2 adds the 24 px
# target size, 2.5.8).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
# How many offending elements each violation lists in a failure message.
MAX_TARGETS = 3

_axe = Axe()


def axe_violations(page, *, rules: list[str] | None = None) -> list[dict]:
    """The WCAG 2.2 A/AA violations axe finds on the page as it is now (only the given
    rules, if any). axe is injected once per document (checking a page again, at another
    size, reuses it)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe.axe_script)
    options = OPTIONS
    if rules:
        options = {**OPTIONS, "runOnly": {"type": "rule", "values": rules}}
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        targets = [" ".join(map(str, node["target"])) for node in nodes[:MAX_TARGETS]]
        more = f" (+{len(nodes) - MAX_TARGETS} more)" if len(nodes) > MAX_TARGETS else ""
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']}\n"
            f"    on: {'; '.join(targets)}{more}\n"
            f"    {violation['helpUrl']}"
        )
        for node in nodes[:MAX_TARGETS]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page) -> None:
    """Fail listing each violation: rule id, impact, help and its first few targets."""
    violations = axe_violations(page)
    if violations:
        raise AssertionError(
            f"{len(violations)} axe violation(s) on {page.url}:\n{format_violations(violations)}"
        )
