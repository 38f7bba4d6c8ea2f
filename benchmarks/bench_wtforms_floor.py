"""The floor of the SMARTE form page: the same fields as a hand-written Flask-WTF form.

Registered on the benchmark's app only (never in the real app), at
``/bench/sager/<case_id>/smarte``: GET checks access, loads the case's goal sheet and renders
the fields in the app's own layout; POST validates, stores the data on the submission and
redirects, as a hand-written view would. The engine's page does more (definitions by version,
show-if, vocabularies, revisions, audit); the ratio is what that costs.
"""

from __future__ import annotations

import datetime

from flask import Blueprint, redirect, render_template_string, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

SCALE = [(str(n), str(n)) for n in range(1, 11)]

PAGE = """{% extends 'base.html' %}
{% set title = 'SMARTE' %}
{% block content %}
<h1>SMARTE-mål</h1>
<form method="post" novalidate>
  {{ form.csrf_token }}
  {% macro fields(form) %}
    {% for field in form %}
      {% if field.type == 'FieldList' %}
        <fieldset><legend>{{ field.label.text }}</legend>
        {% for row in field %}<div class="row">{{ fields(row.form) }}</div>{% endfor %}
        </fieldset>
      {% elif field.type not in ('CSRFTokenField',) %}
        <div class="field">{{ field.label }} {{ field() }}
        {% for error in field.errors %}<p class="error">{{ error }}</p>{% endfor %}</div>
      {% endif %}
    {% endfor %}
  {% endmacro %}
  {{ fields(form) }}
  <button name="_save_draft">Gem kladde</button>
</form>
{% endblock %}"""


def build_form(choices: dict[str, list[tuple[str, str]]]) -> type[FlaskForm]:
    """The hand-written form; ``choices`` are the vocabularies' (value, label) pairs."""

    def f_select(name: str, vocabulary: str) -> SelectField:
        return SelectField(name, choices=[("", ""), *choices[vocabulary]], validators=[Optional()])

    def f_text(name: str, limit: int = 4000) -> StringField:
        return StringField(name, validators=[Optional(), Length(max=limit)])

    def f_area(name: str) -> TextAreaField:
        return TextAreaField(name, validators=[Optional(), Length(max=4000)])

    def f_date(name: str) -> DateField:
        return DateField(name, validators=[Optional()])

    class SubGoal(Form):
        text = f_text("Delmål")
        deadline = f_date("Frist")
        status = f_select("Status", "goal_status")

    class Agreement(Form):
        what = f_text("Hvad")
        who = f_text("Hvem")
        by_when = f_date("Hvornår")

    class Goal(Form):
        area = f_select("Område", "goal_areas")
        title = f_text("Mål", 300)
        specific = f_area("Specifikt")
        indicator = f_text("Indikator")
        baseline = SelectField("Udgangspunkt", choices=[("", ""), *SCALE])
        target = SelectField("Mål", choices=[("", ""), *SCALE])
        target_number = f_text("Mål i tal")
        accepted_by = SelectMultipleField("Accepteret af", choices=choices["accepted_by"])
        accepted_how = f_area("Hvordan")
        realistic = f_area("Realistisk")
        deadline = f_date("Frist")
        evaluation = f_area("Evaluering")
        evaluation_date = f_date("Evalueringsdato")
        responsible = f_text("Ansvarlig")
        department = f_select("Afdeling", "departments")
        status = f_select("Status", "goal_status")
        key = HiddenField()
        subgoals = FieldList(FormField(SubGoal), "Delmål")
        agreements = FieldList(FormField(Agreement), "Aftaler")

    class OtherPlan(Form):
        plan = f_text("Plan")
        department = f_select("Afdeling", "departments")
        plan_date = f_date("Dato")

    class SmarteForm(FlaskForm):
        child_wishes = f_area("Barnets ønsker")
        how_heard = SelectMultipleField("Hvordan", choices=choices["how_heard"])
        how_heard_note = f_area("Note")
        family_wishes = f_area("Familiens ønsker")
        long_term_goal = f_area("Langsigtet mål")
        goals = FieldList(FormField(Goal), "Mål")
        siblings = f_area("Søskende")
        other_plans = FieldList(FormField(OtherPlan), "Andre planer")
        family_accepted_on = f_date("Accepteret den")
        family_accepted_how = f_select("Hvordan", "accepted_how")
        family_accepted_note = f_text("Note")

    return SmarteForm


def _choices() -> dict[str, list[tuple[str, str]]]:
    """The select fields' choices, read once from the app's vocabularies (a constant here)."""
    from app.forms.definitions import current_version, definition_of
    from app.vocabularies.services import load_vocabularies

    vocabularies = load_vocabularies()
    definition = definition_of(current_version("smarte_maal"))
    found: dict[str, list[tuple[str, str]]] = {}

    def walk(fields, prefix=""):
        for spec in fields:
            if getattr(spec, "fields", None):
                walk(spec.fields, spec.name + ".")
            pairs = None
            if getattr(spec, "choices", None):
                pairs = [(c.value, str(c.value)) for c in spec.choices]
            elif getattr(spec, "choices_from", None):
                pairs = [(i["value"], i["value"]) for i in vocabularies.get(spec.choices_from, [])]
            if pairs is not None:
                found[prefix + spec.name] = pairs

    for section in definition.sections:
        walk(section.fields)
    return {
        "goal_status": found.get("goals.status", []),
        "goal_areas": found.get("goals.area", []),
        "accepted_by": found.get("goals.accepted_by", []),
        "departments": found.get("goals.department", []),
        "how_heard": found.get("how_heard", []),
        "accepted_how": found.get("family_accepted_how", []),
    }


def register(app) -> None:
    """Add the floor's route to ``app`` (before its first request)."""
    bp = Blueprint("bench_floor", __name__)
    forms: dict[str, type[FlaskForm]] = {}

    @bp.route("/bench/sager/<int:case_id>/smarte", methods=["GET", "POST"])
    @login_required
    def smarte(case_id: int):
        from app.authz import Action, get_case_for
        from app.extensions import db
        from app.submissions.services import find_case_submission

        if "form" not in forms:
            forms["form"] = build_form(_choices())
        case = get_case_for(current_user, case_id, Action.VIEW_CONTENT)
        submission = find_case_submission(case, "smarte_maal")
        form = forms["form"](data=_dates(submission.data) if request.method == "GET" else None)
        if request.method == "POST" and form.validate():
            data = {k: v for k, v in form.data.items() if k != "csrf_token"}
            submission.data = _jsonable(data)
            db.session.commit()
            return redirect(url_for("bench_floor.smarte", case_id=case_id), 303)
        return render_template_string(PAGE, form=form)

    app.register_blueprint(bp)


def _dates(value):
    """ISO dates in stored data as dates, for the DateFields."""
    if isinstance(value, dict):
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _jsonable(value):
    """Dates as ISO text, as the app stores them."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value
