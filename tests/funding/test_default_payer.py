"""Without JavaScript, a line with an intervention and no share comes back with 100 % to the
decision plan's default payer (after "Tilføj linje" or "Opdater beregning", never on save)."""

from __future__ import annotations

from tests.funding.test_web import _post, _versions
from tests.funding.test_who_may_grant import plan  # noqa: F401  (fixture: built-in plan, 2026)


def _line(**values) -> dict:
    """One editor row typed without shares."""
    fields = {"intervention": "merudgifter", "paragraph": "bl_86", "annual_cost": "18.500"}
    fields.update(start="2026-02-01", **values)
    return {f"lines-0-{key}": value for key, value in fields.items()}


def _share(html: str, department: str) -> str:
    """The value the page shows in a department's share input on line 0."""
    marker = f'name="lines-0-share-{department}"'
    tail = html.split(marker, 1)[1]
    return tail.split('value="', 1)[1].split('"', 1)[0]


def test_recalculate_fills_the_default_payer(plan, login_as, make_case):  # noqa: F811
    """The plan's row for merudgifter names Ydelsescenter: 100 % there, nothing saved."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    html = _post(web, case, {**_line(), "_recalculate": "1"}).get_data(as_text=True)
    assert _share(html, "ydelsescenter") == "100"
    assert _share(html, "ppr") == ""
    assert _versions(case) == []


def test_typed_shares_and_saves_are_left_alone(plan, login_as, make_case):  # noqa: F811
    """A share typed by hand wins; a save without shares is refused, not filled in."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    typed = {**_line(), "lines-0-share-ppr": "40", "_recalculate": "1"}
    html = _post(web, case, typed).get_data(as_text=True)
    assert _share(html, "ppr") == "40" and _share(html, "ydelsescenter") == ""
    response = _post(web, case, {**_line(), "_save": "1"})
    assert response.status_code == 422
    assert _share(response.get_data(as_text=True), "ydelsescenter") == ""
    assert _versions(case) == []


def test_before_any_plan_nothing_is_filled(login_as, make_case):
    """No plan in force on the start date: no payer to suggest."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    html = _post(web, case, {**_line(), "_add": "1"}).get_data(as_text=True)
    assert _share(html, "ydelsescenter") == ""
