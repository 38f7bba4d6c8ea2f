"""Who may call each route: every (method, endpoint) of the URL map, classified once.

The expectations restate README's "Who may see what" without calling app.authz, so that the
matrix in test_authz_matrix.py checks the code against the rules rather than against itself:

| role        | cases                          | family content         | funding          |
| coordinator | coordinates / on the core team | on those cases         | own: all; team: read |
| member      | on the core team               | when consent covers    | no (403)         |
|             |                                | their department       |                  |
| leader/admin| all                            | yes                    | yes              |
| controller  | all                            | no (403)               | yes              |

Changing the case and its core team (Action.EDIT), the funding split (EDIT_FUNDING) and the
coordinator or the case's life (MANAGE) is for the case's own coordinator, leaders and admins
(controllers: the funding): others on the core team get 403. A member reads the family's
content and fills forms and meetings (with a team role; without one, reads only) when a valid
consent covers their department; otherwise they see the case but get 403 on its content.
External partners have no login at all (tests/test_team.py).

A case the user may not see answers 404; a right the user lacks on a visible case, 403.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.authz import Action

# Outcome classes of a request.
ALLOWED = "allowed"  # 2xx, a redirect not to the login page, or a validation answer
FORBIDDEN = "forbidden"  # 403
HIDDEN = "hidden"  # 404
LOGIN = "login-required"  # 302 to /login (web), 401 (API)

ADMIN, LEADER, COORDINATOR, CONTROLLER = "admin", "leader", "coordinator", "controller"
MEMBER = "member"
CASEWORKERS = frozenset({ADMIN, LEADER, COORDINATOR})
ADAPTERS = frozenset({ADMIN, LEADER})
# Controllers see every case, but only its money side.
CONTROLLER_ACTIONS = frozenset({Action.VIEW, Action.VIEW_FUNDING, Action.EDIT_FUNDING})
# On a case as someone else's core team (not its coordinator): what each may do there.
TEAM_ACTIONS = {
    "team_member": frozenset(  # a coordinator on a colleague's core team
        {Action.VIEW, Action.VIEW_CONTENT, Action.EDIT_CONTENT, Action.VIEW_FUNDING}
    ),
    "member": frozenset({Action.VIEW, Action.VIEW_CONTENT, Action.EDIT_CONTENT}),  # covered
    "uncovered": frozenset({Action.VIEW}),  # a member no valid consent covers
}
#: The people of the matrix and their base roles.
PEOPLE = {
    "admin": ADMIN,
    "leader": LEADER,
    "coordinator": COORDINATOR,  # the own case's coordinator
    "team_member": COORDINATOR,  # on the own case's core team
    "member": MEMBER,  # PPR, on the own case's core team, covered by the family's consent
    "uncovered": MEMBER,  # the school, on the own case's core team, not covered
    "controller": CONTROLLER,
}


@dataclass(frozen=True)
class Rule:
    """Who may call one method of one route."""

    access: str  # "public" | "user" | "roles" | "case" | "secret"
    roles: frozenset[str] = frozenset()
    action: Action | None = None
    form_name: str = "smarte_maal"  # the form this route's <form_name> is filled with
    also: Action | None = None  # a second action the route needs on the case
    # The sign-in settings (ENINDGANG_SIGN_IN) under which the route exists (None: all).
    # Under the others it answers 404 to whoever it would have let in.
    sign_in: frozenset[str] | None = None

    def expected(self, person: str | None, own: bool, sign_in: str = "local") -> str:
        """The outcome for one of PEOPLE (None: anonymous) on their own case or not, under
        the sign-in setting ``sign_in``."""
        outcome = self._expected(person, own)
        if self.sign_in is not None and sign_in not in self.sign_in and outcome == ALLOWED:
            return HIDDEN
        return outcome

    def _expected(self, person: str | None, own: bool) -> str:
        """The outcome where the route exists."""
        if self.access == "secret":
            return HIDDEN  # the URL's token is the credential: a session gives nothing
        if person is None:
            return ALLOWED if self.access == "public" else LOGIN
        role = PEOPLE[person]
        if self.access in ("public", "user"):
            return ALLOWED
        if self.access == "roles":
            return ALLOWED if role in self.roles else FORBIDDEN
        needed = {self.action} | ({self.also} if self.also else set())
        if role in (ADMIN, LEADER):
            return ALLOWED
        if role == CONTROLLER:
            return ALLOWED if needed <= CONTROLLER_ACTIONS else FORBIDDEN
        if not own:
            return HIDDEN
        if person in TEAM_ACTIONS:  # sees the case, may do only what the team may
            return ALLOWED if needed <= TEAM_ACTIONS[person] else FORBIDDEN
        return ALLOWED


PUBLIC = Rule("public")
# A URL whose secret token is the only credential (a calendar feed): without a valid token
# every caller, logged in or not, gets 404; the matrix asks with an unknown token.
SECRET = Rule("secret")
USER = Rule("user")


def roles(*names: str) -> Rule:
    """Only these roles; the others get 403."""
    return Rule("roles", frozenset(names))


#: Sign-in settings with passwords, and with the municipality's identity provider (OIDC).
PASSWORDS_ON = frozenset({"local", "oidc+local"})
OIDC_ON = frozenset({"oidc", "oidc+local"})


def only_with(rule: Rule, settings: frozenset[str]) -> Rule:
    """The rule, for a route that exists only under these sign-in settings."""
    return replace(rule, sign_in=settings)


def case(action: Action) -> Rule:
    """A route on one case, needing ``action`` on it."""
    return Rule("case", action=action)


MUNICIPAL = "sagsforloeb"  # the municipal document the fixture saves
MUNICIPAL_READ = Rule("user", form_name=MUNICIPAL)
MUNICIPAL_EDIT = Rule("roles", ADAPTERS, form_name=MUNICIPAL)
VIEW, EDIT = case(Action.VIEW), case(Action.EDIT)
MANAGE = case(Action.MANAGE)  # the case's own coordinator, not the rest of the core team
CONTENT, EDIT_CONTENT = case(Action.VIEW_CONTENT), case(Action.EDIT_CONTENT)
# The internal plan holds the funding split: the family's content and the funding.
INTERNAL_PLAN = Rule("case", action=Action.VIEW_CONTENT, also=Action.VIEW_FUNDING)
FUNDING, EDIT_FUNDING = case(Action.VIEW_FUNDING), case(Action.EDIT_FUNDING)
ADAPT = roles(*ADAPTERS)

#: "METHOD endpoint" → Rule. A route missing here fails test_every_route_is_classified.
ROUTES: dict[str, Rule] = {
    # Login, language, the API's description
    "GET auth.login": PUBLIC,
    "POST auth.login": only_with(PUBLIC, PASSWORDS_ON),  # the password form
    "GET oidc.start": only_with(PUBLIC, OIDC_ON),  # "Log ind med kommunens konto"
    "GET oidc.callback": only_with(PUBLIC, OIDC_ON),  # the provider sends the browser back
    "POST auth.logout": USER,
    "GET auth.profile": USER,
    "POST auth.profile": USER,
    # Each user's own API tokens (another's token id is not found)
    "POST auth.create_token": USER,
    "POST auth.revoke_token": USER,
    "POST i18n.switch_language": PUBLIC,
    "GET accessibility.statement": PUBLIC,  # the accessibility statement: for everyone
    "GET api.openapi": PUBLIC,
    # Cases
    "GET cases.my_cases": USER,
    "POST cases.create_case": roles(*CASEWORKERS),
    "GET cases.show_case": VIEW,
    "POST cases.add_member": EDIT,
    "POST cases.remove_member": EDIT,
    # The core team's roles and external partners, and the family's consents: the team is
    # changed by those who may edit the case
    "POST team.set_member_role": EDIT,
    "POST team.add_partner": EDIT,
    "POST team.remove_partner": EDIT,
    "GET consent.new_consent": EDIT,
    "POST consent.new_consent": EDIT,
    "POST consent.withdraw": EDIT,
    "GET cases.edit_case": EDIT,
    "POST cases.edit_case": EDIT,
    "POST cases.change_coordinator": MANAGE,
    "POST cases.close_case": MANAGE,
    "POST cases.reopen_case": MANAGE,
    "POST cases.hand_over_case": MANAGE,
    "POST cases.start_flow": MANAGE,
    "POST cases.move_on": MANAGE,
    "POST cases.repin": MANAGE,
    "GET api.list_cases": USER,
    "POST api.create_case": roles(*CASEWORKERS),
    "GET api.get_case": VIEW,
    "GET api.get_case_facts": CONTENT,
    "PATCH api.patch_case_facts": EDIT,
    "POST api.move_case_phase": MANAGE,
    "POST api.start_case_flow": MANAGE,
    "POST api.repin_case_flow": MANAGE,
    # The case's family members (names and how to reach them): those who may edit the case
    "GET family.new_member": EDIT,
    "POST family.new_member": EDIT,
    "GET family.edit_member": EDIT,
    "POST family.edit_member": EDIT,
    "POST family.remove_member": EDIT,
    # The case's meetings: plans, minutes and agreements are family content
    "GET meetings.new_meeting": EDIT_CONTENT,
    "POST meetings.new_meeting": EDIT_CONTENT,
    "GET meetings.show_meeting": CONTENT,
    "GET meetings.edit_meeting": EDIT_CONTENT,
    "POST meetings.edit_meeting": EDIT_CONTENT,
    "POST meetings.delete_meeting": EDIT_CONTENT,
    "GET word.meeting_minutes_document": CONTENT,
    "GET api.list_case_meetings": CONTENT,
    "POST api.plan_case_meeting": EDIT_CONTENT,
    "GET api.get_case_meeting": CONTENT,
    "PUT api.put_case_meeting": EDIT_CONTENT,
    "DELETE api.delete_case_meeting": EDIT_CONTENT,
    # A case's forms and its two plans (family content)
    "GET submissions.case_edit": CONTENT,
    "POST submissions.case_edit": EDIT_CONTENT,
    "POST submissions.case_autosave": EDIT_CONTENT,
    "GET submissions.case_history": CONTENT,
    "GET submissions.case_revision": CONTENT,
    "POST submissions.case_restore": EDIT_CONTENT,
    "GET submissions.case_upgrade": CONTENT,
    "POST submissions.case_upgrade": EDIT_CONTENT,
    "GET word.case_form_document": CONTENT,
    "GET word.plan_document": INTERNAL_PLAN,
    "GET word.family_plan_document": CONTENT,
    "GET api.get_case_form": CONTENT,
    "PUT api.put_case_form": EDIT_CONTENT,
    "GET api.case_form_document": CONTENT,
    "GET api.case_plan": INTERNAL_PLAN,
    "GET api.case_plan_pdf": INTERNAL_PLAN,
    "GET api.case_family_plan": CONTENT,
    "GET api.case_family_plan_pdf": CONTENT,
    "POST goals.remove_reading": EDIT_CONTENT,  # a mistyped progress reading
    "GET followup.show": CONTENT,  # the cadence decisions' justifications are family content
    "POST followup.decide": EDIT_CONTENT,
    # Funding
    "GET funding.edit": FUNDING,
    "POST funding.edit": EDIT_FUNDING,
    "GET funding.history": FUNDING,
    "GET funding.version": FUNDING,
    "GET funding.download": FUNDING,
    "POST funding.upload": EDIT_FUNDING,
    "GET api.get_case_funding": FUNDING,
    "PUT api.put_case_funding": EDIT_FUNDING,
    "GET api.get_case_funding_xlsx": FUNDING,
    "POST api.post_case_funding_xlsx": EDIT_FUNDING,
    "GET funding.portfolio": USER,  # over the cases the user may see
    "GET funding.portfolio_download": USER,
    "GET api.get_funding_portfolio_xlsx": USER,
    "GET api.decision_authority": USER,
    # The municipality's documents: everyone reads, leaders and admins write
    "GET municipal_documents.documents": USER,
    "GET municipal_documents.who_may_grant_page": USER,
    "POST municipal_documents.who_may_grant_page": USER,
    "GET municipal_documents.new_document": MUNICIPAL_EDIT,
    "POST municipal_documents.new_document": MUNICIPAL_EDIT,
    "GET municipal_documents.document_edit": MUNICIPAL_READ,
    "POST municipal_documents.document_edit": MUNICIPAL_EDIT,
    "POST municipal_documents.document_autosave": MUNICIPAL_EDIT,
    "GET municipal_documents.document_history": MUNICIPAL_READ,
    "GET municipal_documents.document_timeline": MUNICIPAL_READ,
    "GET municipal_documents.document_revision": MUNICIPAL_READ,
    "POST municipal_documents.document_restore": MUNICIPAL_EDIT,
    "GET municipal_documents.document_upgrade": MUNICIPAL_READ,
    "POST municipal_documents.document_upgrade": MUNICIPAL_EDIT,
    "GET word.municipal_document": MUNICIPAL_READ,
    "GET api.list_municipal_documents": MUNICIPAL_READ,
    "POST api.create_municipal_document": MUNICIPAL_EDIT,
    "GET api.get_municipal_document": MUNICIPAL_READ,
    "PUT api.put_municipal_document": MUNICIPAL_EDIT,
    "GET api.municipal_document": MUNICIPAL_READ,
    # Form definitions and lists: everyone reads them through the API, leaders adapt them
    "GET api.list_form_definitions": USER,
    "GET api.get_form_definition": USER,
    "GET api.get_vocabulary_items": USER,
    "GET forms.index": ADAPT,
    "GET forms.form": ADAPT,
    "GET forms.diff": ADAPT,
    "GET forms.edit": ADAPT,
    "POST forms.edit": ADAPT,
    "GET forms.version": ADAPT,
    "GET forms.export": ADAPT,
    "GET forms.make_current": ADAPT,
    "POST forms.make_current": ADAPT,
    "GET forms.import_file": ADAPT,
    "POST forms.import_file": ADAPT,
    "GET forms.new": ADAPT,
    "POST forms.new": ADAPT,
    "GET forms.visual": ADAPT,
    "POST forms.visual": ADAPT,
    "GET forms.start": ADAPT,
    "POST forms.start": ADAPT,
    "POST forms.new_visual": ADAPT,
    "POST forms.live_preview": ADAPT,
    "GET vocabularies.index": ADAPT,
    "GET vocabularies.edit": ADAPT,
    "POST vocabularies.edit": ADAPT,
    "GET vocabularies.reset": ADAPT,
    "POST vocabularies.reset": ADAPT,
    # Word templates
    "GET word.templates": ADAPT,
    "GET word.template": ADAPT,
    "POST word.template": ADAPT,
    "GET word.merge_fields": ADAPT,
    "POST word.use_default": ADAPT,
    "GET word.download_default": ADAPT,
    "GET word.download_version": ADAPT,
    "POST word.activate": ADAPT,
    # Administration
    "GET admin.users": roles(ADMIN),
    "POST admin.create_user": roles(ADMIN),
    "POST admin.reset_password": only_with(roles(ADMIN), PASSWORDS_ON),
    "POST admin.set_active": roles(ADMIN),
    "POST admin.change_role": roles(ADMIN),
    "POST admin.set_phone": roles(ADMIN),
    "POST admin.set_department": roles(ADMIN),  # never the user: the consent gate reads it
    "POST admin.consent_gate": roles(ADMIN),
    "GET admin.settings": roles(ADMIN),
    "POST admin.settings": roles(ADMIN),
    "POST admin.smarte_criteria": roles(ADMIN),
    "POST admin.joint_funding_criteria": roles(ADMIN),
    "GET admin.logo": roles(ADMIN),
    # The year wheel (family content) and its calendar file
    "GET wheel.wheel_page": CONTENT,
    "POST wheel.wheel_page": EDIT_CONTENT,
    "GET api.annual_wheel_ics": CONTENT,
    # The personal calendar feed: each user makes and revokes their own; calendars read it
    "POST wheel.create_feed": USER,
    "POST wheel.revoke_feed": USER,
    "GET wheel.calendar_feed": SECRET,
    "POST admin.caseload_threshold": roles(ADMIN),
    # The leaders' dashboard: counts across all cases, for leaders and admins
    "GET dashboards.overview": ADAPT,
    # The audit trail: who did what (ids and codes, never content), leaders and admins
    "GET audittrail.trail": ADAPT,
    "GET audittrail.trail_csv": ADAPT,
    "GET api.get_dashboard": ADAPT,
    # The contact agreement and the family's links (staff), the family's own page (public:
    # no staff login; the link's token decides, and a staff login adds nothing).
    "GET familylink.edit_contact": EDIT_CONTENT,
    "POST familylink.edit_contact": EDIT_CONTENT,
    "GET familylink.new_link": EDIT,
    "POST familylink.new_link": EDIT,
    "POST familylink.revoke_link": EDIT,
    "GET familypage.show": PUBLIC,
    "GET familypage.code": PUBLIC,
    "POST familypage.send_code": PUBLIC,
    "POST familypage.check_code": PUBLIC,
    "POST familypage.answer": PUBLIC,
    "POST familypage.accept": PUBLIC,
}


def routed(app) -> set[str]:
    """Every "METHOD endpoint" of the app (static files, HEAD and OPTIONS left out)."""
    pairs = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            pairs.add(f"{method} {rule.endpoint}")
    return pairs
