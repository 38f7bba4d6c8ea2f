"""Explicit composition: nothing a feature does to the whole app behind the others' backs.

No template includes another feature's template with `ignore missing`, no feature installs
Jinja globals for the whole app, no request hook writes to the database, and feature
packages import each other in one direction only.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.cases.routes import CASE_SECTIONS

APP = Path(__file__).resolve().parents[1] / "app"

#: Packages every feature may import; they import no feature.
SHARED = {"formengine", "docgen", "models", "web", "authz", "audit", "extensions", "database"}
SHARED |= {"text", "formatting", "config"}
#: The composition root and the commands: they may import anything, nothing imports them.
ROOT = {"__init__", "cli", "demo"}


def test_no_template_includes_with_ignore_missing():
    """A renamed template must fail loudly, not silently disappear from a page."""
    offenders = [
        f"{path.relative_to(APP)}:{number}"
        for path in APP.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"ignore\s+missing", line)
    ]
    assert offenders == []


def test_case_page_sections_are_listed_by_the_view():
    """The case page's parts from other features, in page order."""
    assert [f"{f.__module__}.{f.__name__}" for f in CASE_SECTIONS] == [
        "app.team.sections.case_section",  # issue 11: "Hvem kan se hvad"
        "app.family.sections.case_section",
        "app.consent.sections.case_section",  # issue 11: the family's consents
        "app.familylink.sections.case_section",
        "app.meetings.sections.case_section",
        "app.submissions.sections.case_section",
        "app.word.sections.plan_section",
        "app.funding.sections.case_section",
        "app.followup.sections.case_section",
        "app.wheel.sections.case_section",
    ]


SECTION_MARKS = {
    "forms": 'data-testid="case-forms"',
    "plan": 'data-testid="plan-downloads"',
    "funding": 'data-testid="funding-section"',
}


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("coordinator", {"forms", "plan", "funding"}),  # the case's own coordinator
        ("leader", {"forms", "plan", "funding"}),
        ("controller", {"funding"}),  # money only, never the family's text
    ],
)
def test_case_page_shows_each_section_to_the_roles_allowed_to_see_it(
    login_as, make_user, make_case, role, visible
):
    """Forms, the joint plan's downloads and the funding each appear exactly when allowed."""
    user = make_user(role)
    case = make_case(coordinator=user if role == "coordinator" else None)
    html = login_as(user).get(f"/sager/{case.id}").get_data(as_text=True)
    shown = {name for name, mark in SECTION_MARKS.items() if mark in html}
    assert shown == visible


#: Jinja's own, Flask's, Flask-WTF's and Flask-Babel's globals; nothing of a feature.
ALLOWED_GLOBALS = {
    "range",
    "dict",
    "lipsum",
    "cycler",
    "joiner",
    "namespace",
    "url_for",
    "get_flashed_messages",
    "config",
    "request",
    "session",
    "g",
    "csrf_token",
    "csrf_meta_tag",
    "_",
    "gettext",
    "ngettext",
    "pgettext",
    "npgettext",
}


def test_jinja_globals_hold_nothing_of_a_feature(app):
    """Features pass what their templates need from their views (funding's `fd` included)."""
    assert set(app.jinja_env.globals) == ALLOWED_GLOBALS


def test_context_processors_are_central(app):
    """Only the framework's and app/web's page context add to every template."""
    names = {
        f"{f.__module__}.{f.__qualname__}"
        for functions in app.template_context_processors.values()
        for f in functions
    }
    assert names == {
        "flask.templating._default_template_ctx_processor",
        "flask_wtf.csrf.CSRFProtect.init_app.<locals>.<lambda>",
        "flask_login.utils._user_context_processor",
        "app.web.page_context.init_app.<locals>._globals",
    }


#: Every before-request hook, named. All of them only read: the login session's idle clock
#: lives in the signed cookie, an API token's use is recorded by the operation itself
#: (app/api/openapi.py), and built-in forms are stored at `db upgrade` and start-up.
KNOWN_REQUEST_HOOKS = {
    None: [
        "flask_wtf.csrf.CSRFProtect.init_app.<locals>.csrf_protect",
        "flask_limiter._extension.Limiter._check_request_limit",
        "app.auth.session_loader.init_app.<locals>._resolve_user",
    ],
    "admin": ["app.admin.routes._only_admins"],
    "forms": ["app.forms.routes._only_adapters"],
    "vocabularies": ["app.vocabularies.routes._only_adapters"],
}


def test_no_unknown_request_hook(app):
    """A new before-request hook (for example one that syncs data) fails this test."""
    hooks = {
        blueprint: [f"{f.__module__}.{f.__qualname__}" for f in functions]
        for blueprint, functions in app.before_request_funcs.items()
    }
    assert hooks == KNOWN_REQUEST_HOOKS


_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


@pytest.fixture
def hook_writes(app, monkeypatch) -> list[str]:
    """Every write statement a request hook runs, or leaves pending, named by the hook."""
    from sqlalchemy import event

    from app.extensions import db

    found: list[str] = []
    running: list[str] = []

    def watch(hook):
        name = f"{hook.__module__}.{hook.__qualname__}"

        def watched(*args, **kwargs):
            running.append(name)
            try:
                return hook(*args, **kwargs)
            finally:
                running.pop()
                pending = db.session.new | db.session.dirty | db.session.deleted
                found.extend(f"{name} left {thing!r} to write" for thing in pending)

        return watched

    def on_execute(_conn, _cursor, statement, *_args):
        if running and _WRITE.match(statement):
            found.append(f"{running[-1]}: {statement.split()[0]} …")

    hooks = {
        blueprint: [watch(hook) for hook in functions]
        for blueprint, functions in app.before_request_funcs.items()
    }
    monkeypatch.setattr(app, "before_request_funcs", hooks)
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", on_execute)
    yield found
    event.remove(engine, "before_cursor_execute", on_execute)


def test_no_request_hook_writes_to_the_database(app, login_as, api_as, hook_writes):
    """Logins resumed, moved on, idled out; tokens used; admin pages: hooks only read."""
    from datetime import timedelta

    from sqlalchemy import select

    from app.auth.session_loader import SEEN
    from app.database import utcnow
    from app.extensions import db
    from app.models import ApiToken

    admin = login_as("admin")
    for url in ("/", "/admin/brugere", "/formularer", "/lister"):
        assert admin.get(url).status_code == 200, url
    with admin.session_transaction() as cookie:  # the idle clock must move on
        cookie[SEEN] = int((utcnow() - timedelta(minutes=5)).timestamp())
    assert admin.get("/").status_code == 200
    with admin.session_transaction() as cookie:  # and now it has run out
        cookie[SEEN] = int((utcnow() - timedelta(days=1)).timestamp())
    assert admin.get("/").status_code == 302

    api = api_as("coordinator")
    assert api.get("/cases").status_code == 200
    assert api.get("/cases", headers={"Authorization": "Bearer eig_wrong"}).status_code == 401
    assert hook_writes == []
    # The token's use was still recorded, by the API operation rather than a hook.
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == api.user.id))
    assert token.last_used_at is not None


def _top_level_imports() -> dict[str, set[str]]:
    """For each top-level part of app/ (package or module), the parts it imports."""
    graph: dict[str, set[str]] = {}
    parts_of_app = {path.name.removesuffix(".py") for path in APP.iterdir()}
    for path in APP.rglob("*.py"):
        parts = path.relative_to(APP).parts
        if parts[0] == "migrations":
            continue
        source = parts[0].removesuffix(".py")
        targets = graph.setdefault(source, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                dotted = name.split(".")
                if dotted[0] == "app" and len(dotted) > 1 and dotted[1] != source:
                    # `from app import create_app` imports the package's __init__
                    part = dotted[1] if dotted[1] in parts_of_app else "__init__"
                    if part != source:
                        targets.add(part)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle among the graph's nodes, or None."""
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target, [*path, target])):
                return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_the_import_graph_helper_finds_a_cycle():
    """The check below would notice funding and vocabularies importing each other."""
    assert _cycle({"funding": {"vocabularies"}, "vocabularies": {"forms", "funding"}}) == [
        "funding",
        "vocabularies",
        "funding",
    ]
    assert _cycle({"cases": {"funding"}, "funding": {"vocabularies"}}) is None


def test_feature_packages_import_each_other_in_one_direction_only():
    """Features import shared layers, and other features without a cycle; shared layers
    import no feature; nothing imports the composition root."""
    graph = _top_level_imports()
    features = set(graph) - SHARED - ROOT
    assert {"cases", "forms", "funding", "vocabularies", "submissions", "word"} <= features
    feature_graph = {name: graph[name] & features for name in features}
    assert _cycle(feature_graph) is None
    assert {name: graph[name] & features for name in SHARED if graph[name] & features} == {}
    assert {name for name in graph if graph[name] & ROOT} <= ROOT


# The two pure modules of the app that excel_tools shares (one formatter, one clean_text);
# neither imports Flask (tests/test_formatting.py checks that in a fresh interpreter).
EXCEL_TOOLS_MAY_IMPORT = {"app.formatting", "app.text"}


def test_excel_tools_imports_nothing_of_the_app():
    """excel_tools is a pure library below every feature: no Flask, and of the app package
    only the pure formatting and text modules."""
    offenders = []
    for path in (APP.parent / "excel_tools").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in {"app", "flask"} and n not in EXCEL_TOOLS_MAY_IMPORT
            ]
    assert offenders == []
