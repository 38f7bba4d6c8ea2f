"""The `enindgang` command line."""

from __future__ import annotations

import os
import stat

from sqlalchemy import func, select

from app.demo import DEMO_CASE_REFERENCE, DEMO_USERS
from app.extensions import db
from app.models import Case, MunicipalitySettings, User


def test_users_create_with_password_from_stdin(runner, client):
    """`users create` makes a user who can log in."""
    result = runner.invoke(
        args=[
            "users",
            "create",
            "ny@kommune.dk",
            "--role",
            "leader",
            "--name",
            "Ny Leder",
            "--password-stdin",
        ],
        input="et-langt-kodeord\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "ny@kommune.dk"))
    assert (user.role, user.name) == ("leader", "Ny Leder")
    client.login("ny@kommune.dk", "et-langt-kodeord")


def test_users_create_refuses_bad_input_readably(runner, make_user):
    """Weak password, duplicate e-mail and unknown role give messages, not tracebacks."""
    existing = make_user("coordinator")
    cases = [
        (["users", "create", "a@b.dk", "--role", "leader", "--password-stdin"], "kort\n", "mindst"),
        (
            ["users", "create", existing.email, "--role", "leader", "--password-stdin"],
            "et-langt-kodeord\n",
            "findes allerede",
        ),
        (["users", "create", "c@d.dk", "--role", "boss", "--password-stdin"], "x\n", "boss"),
    ]
    for args, stdin, message in cases:
        result = runner.invoke(args=args, input=stdin)
        assert result.exit_code != 0
        assert message in result.output
        assert "Traceback" not in result.output


def test_users_token_prints_a_working_token_on_the_last_line(runner, client, make_user):
    """The printed token authenticates API calls."""
    user = make_user("coordinator")
    result = runner.invoke(args=["users", "token", user.email])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    response = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_users_token_for_unknown_user_fails(runner):
    """No token for an unknown e-mail."""
    result = runner.invoke(args=["users", "token", "ingen@kommune.dk"])
    assert result.exit_code != 0
    assert "No active user" in result.output


def test_demo_is_idempotent_and_demo_logins_work(runner, client):
    """Running `demo` twice gives one municipality, five users and four cases (the family's,
    one handed over to adult services, one closed, one with an overdue follow-up)."""
    for _ in range(2):
        result = runner.invoke(args=["demo"])
        assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == len(DEMO_USERS)
    assert db.session.scalar(select(func.count()).select_from(Case)) == 4
    assert db.session.scalar(select(MunicipalitySettings.name)) == "Demo Kommune"
    for demo in DEMO_USERS:
        assert demo.email in result.output and demo.password in result.output
    coordinator = next(u for u in DEMO_USERS if u.role == "coordinator")
    client.login(coordinator.email, coordinator.password)
    assert DEMO_CASE_REFERENCE in client.get("/").get_data(as_text=True)


def _console_script(args, tmp_path, **env):
    """Run the installed `enindgang` console script with a private instance folder."""
    import subprocess
    import sys

    full_env = dict(os.environ, ENINDGANG_INSTANCE_PATH=str(tmp_path), **env)
    if "ENINDGANG_DATABASE_URL" not in env:
        full_env.pop("ENINDGANG_DATABASE_URL", None)
    script = os.path.join(os.path.dirname(sys.executable), "enindgang")
    return subprocess.run(
        [script, *args], env=full_env, capture_output=True, text=True, timeout=120, check=False
    )


def test_console_script_offers_the_contract_commands(tmp_path):
    """`enindgang --help` lists run, db, users and demo."""
    result = _console_script(["--help"], tmp_path)
    assert result.returncode == 0, result.stderr
    for command in ("db", "users", "demo", "run"):
        assert f"  {command} " in result.stdout


def test_console_script_upgrades_an_empty_database(tmp_path):
    """`enindgang db upgrade` through the installed console script, on a new SQLite file."""
    result = _console_script(
        ["db", "upgrade"], tmp_path, ENINDGANG_DATABASE_URL=f"sqlite:///{tmp_path}/cli.sqlite3"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cli.sqlite3").exists()
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_demo_has_documents_a_plan_in_force_and_a_joint_plan(runner, client):
    """The demo shows the product: both case-flow templates, a decision plan and SMARTE goals."""
    from app.demo_dashboards import PLANNED
    from app.models import Submission
    from app.municipal_documents.decisions import who_may_grant

    assert runner.invoke(args=["demo"]).exit_code == 0
    # The municipality's documents and the demo family's forms (other demo cases have plans
    # too, for the leaders' overview).
    family = db.session.scalar(select(Case.id).where(Case.reference == DEMO_CASE_REFERENCE))
    shown = Submission.case_id.is_(None) | (Submission.case_id == family)
    titles = {s.form_name: s for s in db.session.scalars(select(Submission).where(shown))}
    assert titles["sagsforloeb"].status == "final"
    flows = db.session.scalars(select(Submission).where(Submission.form_name == "sagsforloeb"))
    assert sorted((f.data["model"], f.status) for f in flows) == [
        ("een_familie_een_indgang", "final"),
        ("sammen_om_familien", "final"),
    ]
    assert titles["beslutningskompetence"].status == "final"
    assert len(titles["smarte_maal"].data["goals"]) == 2
    assert who_may_grant("aflastning").covered
    from app.funding.services import current_lines

    # The demo family's case (the demo has several; PostgreSQL returns them in any order).
    case = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    lines = current_lines(case)
    # Every cost kind (issue 9): yearly, monthly, hourly and a one-off home adaptation.
    assert [line.cost_kind for line in lines] == ["yearly", "monthly", "hourly", "one_off"]
    assert any(line.split_reason for line in lines)
    assert runner.invoke(args=["demo"]).exit_code == 0
    # four of the demo's own, and a plan on each earlier case (app/demo_dashboards.py)
    assert db.session.scalar(select(func.count()).select_from(Submission)) == 4 + len(PLANNED)
    assert len(current_lines(case)) == 4


def test_demo_shows_case_facts_and_lives(runner, client):
    """The demo's cases carry birth months, a handover note, a closed and a handed-over case."""
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    coordinator = next(u for u in DEMO_USERS if u.role == "coordinator")
    client.login(coordinator.email, coordinator.password)
    family = db.session.scalar(select(Case).where(Case.reference == DEMO_CASE_REFERENCE))
    assert family.birth_year is not None and family.paragraph_keys
    assert "fylder 16 i" in client.get(f"/sager/{family.id}").get_data(as_text=True)
    statuses = dict(db.session.execute(select(Case.reference, Case.status)).all())
    assert sorted(statuses.values()) == ["closed", "handed_over", "open", "open"]
    handed = db.session.scalar(select(Case).where(Case.status == "handed_over"))
    page = client.get(f"/sager/{handed.id}").get_data(as_text=True)
    assert "Karen overtager" in page and "Overdraget til voksenområdet pr." in page
