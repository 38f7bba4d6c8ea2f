"""Every field type through the real app: API → stored JSON → web page → browser POST → same
JSON, and a web-created submission read back through the API."""

from __future__ import annotations

from pathlib import Path

from tests.formengine.browser import Page
from tests.formengine.conftest import complete_data

RICH = (Path(__file__).parents[1] / "formengine" / "definitions" / "rich.yaml").read_text()


def _data_for(case, member) -> dict:
    """The engine's complete example, with person fields pointing at the case's team."""
    data = complete_data()
    data["coordinator"] = str(case.coordinator_id)
    for goal in data["goals"]:
        goal["responsible"] = str(member.id)
    return data


def test_every_field_type_round_trips_through_api_and_web(
    publish, api_as, login_as, make_user, make_case
):
    """What the API stores, the web page shows and posts back unchanged."""
    publish(RICH)
    member = make_user("coordinator")
    api = api_as("coordinator")
    case = make_case(coordinator=api.user, team=[member])
    url = f"/cases/{case.id}/forms/rich"
    saved = api.put(url, json={"version": None, "status": "final", "data": _data_for(case, member)})
    assert saved.status_code == 200, saved.json
    stored = saved.json["data"]
    assert stored["own_words"] == "Jeg kan godt lide at tegne.\nOg at svømme."
    assert stored["paragraphs"] == ["bl_86", "bl_87_88"] and stored["hours"] == 12.5

    web = login_as(api.user)
    page_url = f"/sager/{case.id}/formularer/rich"
    page = Page(web.get(page_url).get_data(as_text=True))
    posted = page.submit("_save_final")
    response = web.post(page_url, data=posted, headers={"Referer": "https://localhost" + page_url})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    again = api.get(url).json
    assert again["version"] == 2 and again["status"] == "final"
    assert again["data"] == stored


def test_a_form_filled_in_the_browser_reads_back_through_the_api(
    publish, login_as, api_as, make_user, make_case
):
    """A draft typed into the web page is the same JSON the API returns."""
    publish(RICH)
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    page_url = f"/sager/{case.id}/formularer/rich"
    page = Page(web.get(page_url).get_data(as_text=True))
    posted = page.submit(
        "_save_draft",
        child_name="Ali",
        age="9",
        hours="7,5",
        annual_cost="1.234,50",
        start="2026-03-01",
        wellbeing="6",
    )
    response = web.post(page_url, data=posted, headers={"Referer": "https://localhost" + page_url})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    data = api_as(web.user).get(f"/cases/{case.id}/forms/rich").json["data"]
    assert (data["child_name"], data["age"], data["hours"], data["annual_cost"]) == (
        "Ali",
        9,
        7.5,
        1234.5,
    )
    assert (data["start"], data["wellbeing"]) == ("2026-03-01", 6)
