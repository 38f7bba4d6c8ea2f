"""Issue 13: repeat layouts in the schema, goal cards and the ruler, the document view of a
saved form, the accessibility statement and its link in settings."""

from __future__ import annotations

import lxml.html
import pytest
from pydantic import ValidationError

from app.formengine.schema import FormDefinition
from tests.goals.support import full_goal, save_sheet

PAGE = "/sager/{case}/formularer/smarte_maal"


def _definition(repeat: dict) -> FormDefinition:
    """A one-field form whose field is ``repeat`` (name goals, columns title and note)."""
    field = {
        "name": "goals",
        "type": "repeat",
        "label": "Mål",
        "fields": [
            {"name": "title", "type": "text", "label": "Titel"},
            {"name": "note", "type": "textarea", "label": "Note"},
            {"name": "when", "type": "date", "label": "Hvornår"},
        ],
    } | repeat
    return FormDefinition.model_validate(
        {"name": "f", "title": "F", "scope": "case",
         "sections": [{"name": "s", "title": "S", "fields": [field]}]}
    )  # fmt: skip


def test_a_repeat_is_a_table_unless_it_says_cards():
    """Today's behaviour is the default; cards group their columns where the group starts."""
    assert _definition({}).field("goals").layout == "table"
    cards = _definition(
        {"layout": "cards", "groups": [{"label": "Tid", "fields": ["when", "note"]}]}
    ).field("goals")
    parts = cards.card_parts()
    assert [getattr(p, "name", None) for p in parts] == ["title", None]
    assert [c.name for c in cards.group_columns(parts[1])] == ["when", "note"]


@pytest.mark.parametrize(
    "groups",
    [
        [{"label": "X", "fields": ["nope"]}],  # not a column
        [{"label": "X", "fields": ["title"]}, {"label": "Y", "fields": ["title"]}],  # twice
    ],
)
def test_groups_name_each_column_once(groups):
    with pytest.raises(ValidationError, match="groups"):
        _definition({"layout": "cards", "groups": groups})


def test_smarte_goals_are_cards_with_labelled_groups_and_a_ruler(login_as, make_case):
    """One card per goal with visible labels, criteria in fieldsets, sub-goals inside."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    goal = full_goal("", title="Ro ved sengetid", subgoals=[{"text": "Bad kl. 19"}])
    save_sheet(case, [goal], status="draft")
    tree = lxml.html.fromstring(web.get(PAGE.format(case=case.id)).get_data(as_text=True))
    card = tree.xpath('//*[@data-rows-body="goals"]/div[@data-row="goals-0-"]')[0]
    assert "fe-card" in card.get("class")
    assert card.get("role") == "group" and card.get("aria-labelledby") == "goals-0-heading"
    assert " ".join(card.xpath(".//h3")[0].text_content().split()) == "Mål 1"
    legends = [" ".join(e.text_content().split()) for e in card.xpath("./div/fieldset/legend")]
    assert "Målet (Mål 1)" in legends and "Ansvar og status (Mål 1)" in legends
    # Labels are visible (no sr-only label) in a card.
    assert card.xpath('.//label[@for="goals-0-title"]')[0].get("class") == "form-label"
    # The ruler: ten native radios in one group, its ends described.
    ruler = card.xpath('.//*[@id="goals-0-baseline-group"]/fieldset')[0]
    assert ruler.get("class") == "fe-ruler"
    assert len(ruler.xpath('.//input[@type="radio"][@name="goals-0-baseline"]')) == 10
    assert "goals-0-baseline-ends" in ruler.get("aria-describedby")
    assert ruler.xpath('.//input[@value="2"]')[0].get("checked") is not None
    # The sub-goal is a card inside the goal's card, named for screen readers.
    sub = card.xpath('.//div[@data-row="goals-0-subgoals-0-"]')[0]
    assert "fe-card--nested" in sub.get("class")
    assert "Delmål 1 for mål 1" in " ".join(sub.xpath(".//h4")[0].text_content().split())


def test_a_saved_plan_reads_as_a_document_with_an_edit_button(login_as, make_case):
    """?vis=dokument: headings, description lists, goal cards, and "Rediger" for editors."""
    web = login_as("coordinator")
    case = make_case(coordinator=web.user)
    save_sheet(case, [full_goal("", title="Ro ved sengetid")], status="draft")
    page = PAGE.format(case=case.id)
    assert "Vis som dokument" in web.get(page).get_data(as_text=True)
    html = web.get(page + "?vis=dokument").get_data(as_text=True)
    tree = lxml.html.fromstring(html)
    assert not tree.xpath('//button[@name="_save_draft"]')  # no form to save
    document = tree.xpath('//*[@data-testid="form-document"]')[0]
    assert not document.xpath(".//input | .//textarea | .//select")
    assert [h.text_content() for h in document.xpath(".//h2")][:2] == [
        "Barnets og familiens ønsker", "SMARTE-mål",
    ]  # fmt: skip
    goal = document.xpath(".//article")[0]
    assert goal.xpath(".//h4")[0].text_content() == "Mål 1: Ro ved sengetid"
    pairs = {
        " ".join(d.xpath("./dt")[0].text_content().split()): d.xpath("./dd")[0].text_content()
        for d in goal.xpath('.//div[@class="fe-doc-pair"]')
    }
    assert pairs["Område"] == "Familie og netværk"
    assert pairs["Udgangspunkt på dialoglinealen"].strip() == "2 / 10"
    assert tree.xpath('//*[@data-testid="edit-form"]')[0].get("href") == page


def test_those_who_may_not_edit_get_the_document(login_as, make_case, make_user):
    """A controller reads the plan as a document, not as a greyed-out form."""
    coordinator = make_user("coordinator")
    case = make_case(coordinator=coordinator)
    save_sheet(case, [full_goal("", title="Ro ved sengetid")], status="draft")
    web = login_as("controller")
    response = web.get(PAGE.format(case=case.id))
    if response.status_code == 403:
        pytest.skip("controllers do not read plans in this installation")
    tree = lxml.html.fromstring(response.get_data(as_text=True))
    assert tree.xpath('//*[@data-testid="form-document"]')
    assert not tree.xpath('//*[@data-testid="edit-form"] | //fieldset[@disabled]')


def test_the_accessibility_statement_is_public_and_linked_from_every_page(client):
    """Signed in or not, the footer links to the statement; the page needs no login."""
    response = client.get("/tilgaengelighed")
    assert response.status_code == 200
    assert "Tilgængelighedserklæring" in response.get_data(as_text=True)
    login = lxml.html.fromstring(client.get("/login").get_data(as_text=True))
    assert login.xpath('//footer//a[@data-testid="accessibility-link"]')[0].get("href") == (
        "/tilgaengelighed"
    )


def test_the_municipality_points_the_link_to_its_own_statement(login_as, client):
    """An https address is stored and used in the footer; a javascript: link is refused."""
    admin = login_as("admin")
    refused = admin.post_form(
        "/admin/kommune",
        {"name": "Ørsted Kommune", "accessibility_statement_url": "javascript:alert(1)"},
        page="/admin/kommune",
    )
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.get_data(as_text=True)
    own = "https://www.was.digst.dk/enindgang-oersted-dk"
    saved = admin.post_form(
        "/admin/kommune",
        {"name": "Ørsted Kommune", "accessibility_statement_url": own},
        page="/admin/kommune",
    )
    assert saved.status_code == 302
    footer = lxml.html.fromstring(client.get("/login").get_data(as_text=True))
    assert footer.xpath('//*[@data-testid="accessibility-link"]')[0].get("href") == own
    assert own in client.get("/tilgaengelighed").get_data(as_text=True)
