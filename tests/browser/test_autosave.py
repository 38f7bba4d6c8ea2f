"""Never lose typed work, in Chromium: autosave says "Gemt kl. …"; a cut connection and an
expired session lose nothing; logout wipes what the browser kept, and the next person on the
same browser sees nothing of it; leaving with unsaved changes and removing a goal with its
sub-goals ask first."""

from __future__ import annotations

import re
import time
import uuid

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from app.auth import services as auth
from app.demo import DEMO_CASE_REFERENCE, DEMO_USERS
from app.extensions import db
from app.models import Case
from app.submissions.services import find_case_submission
from tests.browser.test_mine_sager import COORDINATOR, log_in

LEADER = next(u for u in DEMO_USERS if u.email == "leder@demo.enindgang.dk")
ADMIN = next(u for u in DEMO_USERS if u.email == "admin@demo.enindgang.dk")
CONTROLLER = next(u for u in DEMO_USERS if u.email == "controller@demo.enindgang.dk")
SAVED = re.compile(r"^Gemt kl\. \d\d\.\d\d$")
#: A save goes through the live server, which shares two cores with a parallel suite in CI.
SAVE_MS = 15_000
KEPT_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('enindgang:kladde:'))"


def _new_case(live_server) -> int:
    """A fresh case of the demo coordinator (tests share the server: no shared data)."""
    with live_server.app.app_context():
        try:
            coordinator = auth.find_user(COORDINATOR.email)
            case = Case(
                reference=f"AUTO-{uuid.uuid4().hex[:6].upper()}",
                title="Familien Kladde",
                coordinator_id=coordinator.id,
            )
            db.session.add(case)
            db.session.commit()
            return case.id
        finally:
            db.session.remove()


def _stored(live_server, case_id: int) -> dict | None:
    """The SMARTE plan's stored data and revision count (None: not saved)."""
    with live_server.app.app_context():
        try:
            submission = find_case_submission(db.session.get(Case, case_id), "smarte_maal")
            if submission is None:
                return None
            return {
                **submission.data,
                "_status": submission.status,
                "_revisions": len(submission.revisions),
            }
        finally:
            db.session.remove()


def _stored_when(live_server, case_id: int, check) -> dict:
    """The stored data once ``check(data)`` holds (an autosave may still be on its way)."""
    for _ in range(50):
        stored = _stored(live_server, case_id)
        if stored is not None and check(stored):
            return stored
        time.sleep(0.1)
    raise AssertionError(f"never stored as expected: {stored}")


def _form(case_id: int) -> str:
    return f"/sager/{case_id}/formularer/smarte_maal"


def _autosaved(page: Page, live_server, text: str) -> int:
    """Log in as the coordinator, open a new case's plan, type ``text`` and leave the field:
    it is autosaved. The case's id."""
    case_id = _new_case(live_server)
    log_in(page)
    page.goto(_form(case_id))
    page.locator("#child_wishes").fill(text)
    page.locator("#child_wishes").press("Tab")
    expect(page.locator("#autosave-status")).to_have_text(SAVED, timeout=SAVE_MS)
    return case_id


def test_typing_is_saved_quietly_when_a_field_is_left(page: Page, live_server):
    """Leaving a field autosaves: "Gemt kl. 10.32", one revision for the whole sitting."""
    case_id = _new_case(live_server)
    log_in(page)
    page.goto(_form(case_id))
    status = page.locator("#autosave-status")
    expect(status).to_have_attribute("role", "status")
    page.locator("#child_wishes").fill("Emma vil gerne cykle selv i skole")
    page.locator("#child_wishes").press("Tab")
    expect(status).to_have_text(SAVED, timeout=SAVE_MS)
    page.locator("#family_wishes").fill("Ro om morgenen")
    page.locator("#family_wishes").press("Tab")
    expect(page.locator("form[data-autosave-state]")).to_have_attribute(
        "data-autosave-state", "saved"
    )
    expect(page.locator('input[name="_version"]')).to_have_value("2")
    stored = _stored(live_server, case_id)
    assert stored["child_wishes"] == "Emma vil gerne cykle selv i skole"
    assert stored["family_wishes"] == "Ro om morgenen"
    assert (stored["_status"], stored["_revisions"]) == ("draft", 1)
    assert page.evaluate(KEPT_KEYS) == []  # the server has it all: nothing kept here

    # The deliberate save goes on from the autosaved version (no conflict with oneself).
    with page.expect_navigation():
        page.get_by_role("button", name="Gem kladde", exact=True).click()
    expect(page.get_by_test_id("conflict")).to_have_count(0)
    assert _stored(live_server, case_id)["_revisions"] == 1


def test_a_cut_connection_loses_nothing(
    page: Page, context: BrowserContext, live_server, page_problems
):
    """Offline while typing: the text stays in the browser, and is saved when the connection
    is back; even a page closed while offline gives it back on the next visit."""
    case_id = _new_case(live_server)
    log_in(page)
    page.goto(_form(case_id))
    status = page.locator("#autosave-status")
    context.set_offline(True)
    page.locator("#child_wishes").fill("Skrevet i toget uden net")
    page.locator("#child_wishes").press("Tab")
    expect(status).to_contain_text("Ingen forbindelse")
    context.set_offline(False)
    expect(status).to_have_text(SAVED, timeout=SAVE_MS)  # saved as soon as the connection is back
    assert _stored(live_server, case_id)["child_wishes"] == "Skrevet i toget uden net"

    context.set_offline(True)
    page.locator("#family_wishes").fill("Skrevet i tunnelen")
    page.locator("#family_wishes").press("Tab")
    expect(status).to_contain_text("Ingen forbindelse")
    page.close()  # the tab is gone before the connection came back
    page_problems.clear()  # offline, the browser could not fetch the favicon
    context.set_offline(False)

    again = context.new_page()
    again.goto(_form(case_id))
    expect(again.locator("#family_wishes")).to_have_value("Skrevet i tunnelen")
    expect(again.locator("#autosave-status")).to_have_text(SAVED, timeout=SAVE_MS)
    stored = _stored(live_server, case_id)
    assert stored["family_wishes"] == "Skrevet i tunnelen"
    assert stored["child_wishes"] == "Skrevet i toget uden net"


@pytest.mark.parametrize("ended_by", ["idle timeout", "cookie gone"])
def test_an_expired_session_loses_nothing(
    page: Page, context: BrowserContext, live_server, page_problems, clock, ended_by
):
    """The session ends while typing (the server's clock passes the idle timeout, or the
    cookie is gone): the coordinator logs in again and the text is saved."""
    case_id = _autosaved(page, live_server, "Før pausen")

    if ended_by == "idle timeout":
        if clock is None:
            pytest.skip("the real clock (ENINDGANG_TEST_CLOCK=real) cannot be moved")
        clock.shift((live_server.app.config["IDLE_TIMEOUT_MINUTES"] + 1) * 60)
    else:
        context.clear_cookies()
    page.locator("#child_wishes").fill("Før pausen, og meget mere efter")
    page.locator("#child_wishes").press("Tab")
    status = page.locator("#autosave-status")
    expect(status).to_contain_text("Du er logget ud")
    page_problems.clear()  # without a cookie the refused autosave is logged as a 400

    status.get_by_role("link", name="Log ind igen").click()
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_label("E-mail").fill(COORDINATOR.email)
    page.get_by_label("Adgangskode").fill(COORDINATOR.password)
    page.get_by_role("button", name="Log ind", exact=True).click()
    expect(page).to_have_url(re.compile(_form(case_id) + "$"))
    expect(page.locator("#child_wishes")).to_have_value("Før pausen, og meget mere efter")
    expect(page.locator("#autosave-status")).to_have_text(SAVED, timeout=SAVE_MS)
    assert _stored(live_server, case_id)["child_wishes"] == "Før pausen, og meget mere efter"
    assert page.evaluate(KEPT_KEYS) == []


def test_logout_wipes_the_text_kept_in_the_browser(page: Page, live_server):
    """Typed, not yet saved, kept in the browser: logging out leaves nothing behind."""
    case_id = _new_case(live_server)
    log_in(page)
    page.goto(_form(case_id))
    page.locator("#child_wishes").fill("Fortroligt, ikke gemt")  # the field is not left
    page.wait_for_function("() => " + KEPT_KEYS + ".length === 1")
    questions = []

    def answer(dialog) -> None:
        questions.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(re.compile(r"/login"))
    assert questions == ["beforeunload"]  # unsaved changes: asked before leaving
    assert page.evaluate(KEPT_KEYS) == []
    assert page.evaluate("localStorage.length") == 0


def test_the_next_person_on_the_same_browser_sees_nothing(
    page: Page, context: BrowserContext, live_server
):
    """A shared tablet: the coordinator walks away (session ends), a leader signs in on the
    same browser and opens the same plan: none of the coordinator's kept text is there."""
    case_id = _new_case(live_server)
    log_in(page)
    page.goto(_form(case_id))
    page.locator("#child_wishes").fill("Kun for koordinatoren")
    page.wait_for_function("() => " + KEPT_KEYS + ".length === 1")
    context.clear_cookies()

    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, LEADER.email, LEADER.password)
    expect(page.get_by_test_id("current-user")).to_have_text(LEADER.name)
    page.wait_for_load_state("load")
    assert page.evaluate(KEPT_KEYS) == []
    page.goto(_form(case_id))
    expect(page.locator("#child_wishes")).to_have_value("")
    assert _stored(live_server, case_id) is None


def test_leaving_with_unsaved_changes_asks_first(page: Page, live_server):
    """Form and list editor: the browser asks before the page is left with changes."""
    case_id = _new_case(live_server)
    log_in(page)
    page.goto(_form(case_id))
    page.locator("#family_wishes").fill("Ikke gemt endnu")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Mine sager").first.click()
    page.wait_for_timeout(300)
    assert questions == ["beforeunload"]
    expect(page).to_have_url(re.compile(_form(case_id) + "$"))  # stayed


def test_removing_a_goal_with_sub_goals_asks_first(page: Page, live_server):
    """A goal whose sub-goals hold text is removed only after a yes."""
    case_id = _new_case(live_server)
    log_in(page)
    page.goto(_form(case_id))
    goals = page.locator('[data-rows-body="goals"] > .fe-card[data-row]')
    before = goals.count()
    page.locator('button[name="_add__goals"]').click()
    n = before
    page.locator(f"#goals-{n}-title").fill("Mål med delmål")
    page.locator(f'button[name="_add__goals-{n}-subgoals"]').click()
    page.locator(f"#goals-{n}-subgoals-0-text").fill("Et delmål")
    remove = page.locator(f'button[name="_remove__goals__{n}"]')

    page.once("dialog", lambda dialog: dialog.dismiss())
    remove.click()
    expect(goals).to_have_count(before + 1)  # "no": the goal stays
    expect(page.locator(f"#goals-{n}-subgoals-0-text")).to_have_value("Et delmål")
    page.once("dialog", lambda dialog: dialog.accept())
    remove.click()
    expect(goals).to_have_count(before)


def test_rows_added_on_the_page_survive_the_back_button(page: Page, live_server):
    """A goal and a sub-goal added on the page (no field left, so not yet autosaved), the
    page left with Back and come back to with Forward: the rows and their text are there
    again, from the browser (bfcache or the kept text), and then saved."""
    case_id = _new_case(live_server)
    log_in(page)
    page.goto(f"/sager/{case_id}")
    page.goto(_form(case_id))
    goals = page.locator('[data-rows-body="goals"] > .fe-card[data-row]')
    before = goals.count()
    page.locator('button[name="_add__goals"]').click()
    page.locator(f"#goals-{before}-title").fill("Tilføjet på siden")
    page.locator(f'button[name="_add__goals-{before}-subgoals"]').click()
    page.locator(f"#goals-{before}-subgoals-0-text").fill("Delmål på siden")
    page.wait_for_function("() => " + KEPT_KEYS + ".length === 1")
    # The sub-goal's text never reached the server (its field was not left): only the browser
    # has it.
    assert "Delmål på siden" not in str(_stored(live_server, case_id))

    page.on("dialog", lambda dialog: dialog.accept())
    # Loaded again from the server: the kept text adds the missing sub-goal row back.
    page.reload()
    expect(page.locator(f"#goals-{before}-subgoals-0-text")).to_have_value("Delmål på siden")
    expect(page.locator("#autosave-status")).to_have_text(SAVED, timeout=SAVE_MS)
    page.locator(f"#goals-{before}-title").fill("Tilføjet på siden, ændret")
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/sager/{case_id}$"))
    page.go_forward()
    expect(page).to_have_url(re.compile(_form(case_id) + "$"))
    expect(goals).to_have_count(before + 1)
    expect(page.locator(f"#goals-{before}-title")).to_have_value("Tilføjet på siden, ændret")
    expect(page.locator(f"#goals-{before}-subgoals-0-text")).to_have_value("Delmål på siden")
    expect(page.locator("#autosave-status")).to_have_text(SAVED, timeout=SAVE_MS)
    page.locator(f"#goals-{before}-title").press("Tab")  # left: saved now at the latest
    stored = _stored_when(
        live_server, case_id, lambda d: d["goals"][before]["title"] == "Tilføjet på siden, ændret"
    )
    assert stored["goals"][before]["subgoals"][0]["text"] == "Delmål på siden"


def test_the_list_editor_asks_before_changes_are_left(page: Page):
    """The same question on a list (and on funding and the designer: data-unsaved-warning);
    an untouched page, or the save button, asks nothing."""
    log_in(page, ADMIN.email, ADMIN.password)
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.type), dialog.dismiss()))
    page.goto("/lister/departments")
    page.get_by_role("link", name="Lister").first.click()
    expect(page).to_have_url(re.compile(r"/lister$"))
    assert questions == []  # nothing changed: no question
    page.goto("/lister/departments")
    page.locator("#rows-0-label").fill("Ændret, ikke gemt")
    page.get_by_role("link", name="Lister").first.click()
    page.wait_for_timeout(300)
    assert questions == ["beforeunload"]
    expect(page).to_have_url(re.compile(r"/lister/departments$"))


def test_typing_is_saved_every_30_seconds_without_leaving_the_field(page: Page, live_server):
    """Someone who keeps typing in one long text gets it saved all the same."""
    case_id = _new_case(live_server)
    page.clock.install()
    log_in(page)
    page.goto(_form(case_id))
    page.locator("#family_wishes").fill("En lang tekst, skrevet uden pause")
    page.clock.run_for(29_000)
    assert _stored(live_server, case_id) is None  # not yet
    page.clock.run_for(2_000)
    expect(page.locator("#autosave-status")).to_have_text(SAVED, timeout=SAVE_MS)
    assert _stored(live_server, case_id)["family_wishes"] == "En lang tekst, skrevet uden pause"
    expect(page.locator("#family_wishes")).to_be_focused()  # the typing was not interrupted


def test_an_autosave_never_overwrites_a_colleagues_newer_save(
    page: Page, browser, live_server, page_problems
):
    """The leader saves the plan while the coordinator types: the coordinator's autosave is
    refused and says so, the text stays, and "Gem kladde" shows both versions."""
    case_id = _autosaved(page, live_server, "Koordinatorens første tekst")

    other = browser.new_context(base_url=live_server.url, locale="da-DK")
    colleague = other.new_page()
    log_in(colleague, LEADER.email, LEADER.password)
    colleague.goto(_form(case_id))
    colleague.locator("#child_wishes").fill("Lederens tekst")
    with colleague.expect_navigation():
        colleague.get_by_role("button", name="Gem kladde", exact=True).click()
    other.close()

    page.locator("#child_wishes").fill("Koordinatorens nye tekst")
    page.locator("#child_wishes").press("Tab")
    status = page.locator("#autosave-status")
    expect(status).to_contain_text("en anden har gemt formularen")
    page_problems.clear()  # the browser logs the refused autosave (409)
    expect(page.locator("#child_wishes")).to_have_value("Koordinatorens nye tekst")
    assert _stored(live_server, case_id)["child_wishes"] == "Lederens tekst"
    with page.expect_navigation():
        page.get_by_role("button", name="Gem kladde", exact=True).click()
    expect(page.get_by_test_id("conflict-theirs")).to_contain_text("Lederens tekst")
    expect(page.get_by_test_id("conflict-mine")).to_contain_text("Koordinatorens nye tekst")
    page_problems.clear()


def test_the_funding_editor_asks_only_when_something_changed(page: Page):
    """The funding split: an untouched editor (its live sums filled in by funding.js) is left
    without a question; a changed one asks."""
    log_in(page, CONTROLLER.email, CONTROLLER.password)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Sager").click()
    page.get_by_role("link", name=DEMO_CASE_REFERENCE).click()
    page.get_by_role("link", name="Rediger finansiering").click()
    expect(page).to_have_url(re.compile(r"/finansiering$"))
    page.wait_for_load_state("load")  # the guard is armed, so "no question" means something
    funding = page.url
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.type), dialog.dismiss()))
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Sager").click()
    expect(page).not_to_have_url(funding)
    assert questions == []
    page.goto(funding)
    page.get_by_role("button", name="Tilføj linje").click()
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Sager").click()
    page.wait_for_timeout(300)
    assert questions == ["beforeunload"]
    expect(page).to_have_url(funding)
