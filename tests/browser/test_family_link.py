"""A parent opens the family's link on a phone, reads the plan, answers a goal with the
ruler, and the coordinator sees the answer on the case. No sideways scrolling at 320 px."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from app.auth import services as auth
from app.extensions import db
from app.family import services as family
from app.familylink import services as links
from app.models import Case
from tests.browser.test_mine_sager import COORDINATOR, log_in
from tests.goals.support import full_goal, save_sheet

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 700}


def _family_case(live_server) -> tuple[int, str]:
    """A case of the demo coordinator with a mother and one goal, and her link's token."""
    with live_server.app.app_context():
        try:
            coordinator = auth.find_user(COORDINATOR.email)
            case = Case(
                reference=f"LINK-{uuid.uuid4().hex[:6].upper()}",
                title="Familien Telefon",
                coordinator_id=coordinator.id,
            )
            db.session.add(case)
            db.session.flush()
            mother = family.add_member(coordinator, case, {"name": "Mette", "relation": "mother"})
            goal = full_goal(family.person_value(mother), title="Morgener uden stress")
            save_sheet(case, [goal])
            made = links.create_link(coordinator, case, mother.id, days=30, with_code=False)
            db.session.commit()
            return case.id, made.token
        finally:
            db.session.remove()


def test_a_parent_answers_on_a_phone_and_the_coordinator_sees_it(
    page: Page, live_server, tmp_path
):
    """Phone-sized: the plan reads, the ruler answers, the case shows "fra familien"."""
    case_id, token = _family_case(live_server)
    page.set_viewport_size(PHONE)
    page.goto(f"/familie/{token}")
    expect(page.get_by_role("heading", name="Jeres plan", level=1)).to_be_visible()
    goal = page.locator("section[data-testid^='family-goal-']").first
    expect(goal).to_contain_text("Morgener uden stress")
    expect(page.get_by_test_id("family-coordinator")).to_contain_text(COORDINATOR.name)

    ruler = goal.get_by_role("group", name=re.compile("Hvordan går det"))
    ruler.get_by_label("7", exact=True).check()
    goal.get_by_label("Vil du sige mere? (valgfrit)").fill("Bedre morgener denne uge")
    goal.get_by_role("button", name="Send svar").click()
    expect(page.get_by_role("status")).to_contain_text("Tak for dit svar")
    expect(page.locator("section[data-testid^='family-goal-']").first).to_contain_text(
        "Dit seneste svar: 7"
    )

    page.screenshot(path=tmp_path / "familie-telefon.png", full_page=True)
    page.set_viewport_size(NARROW)
    page.reload()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"sideways scrolling at 320 px: {widths}"

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page)
    page.goto(f"/sager/{case_id}")
    answers = page.get_by_test_id("family-answers")
    expect(answers).to_contain_text("Bedre morgener denne uge")
    expect(answers).to_contain_text("fra familien")
    expect(answers).to_contain_text("Mette")
