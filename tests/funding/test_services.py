"""Funding services: validation, versions with author and time, conflicts, diffs and totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.extensions import db
from app.funding import services
from app.funding.chart import pie_slices
from app.funding.diff import diff_lines
from app.funding.lines import LinesInvalid, from_stored, to_stored, validate_lines
from app.models import FundingSource, FundingVersion
from app.vocabularies.services import VocabularyError, find_usages, save_vocabulary
from excel_tools import FundingLine, calc
from tests.funding.support import YEAR, api_lines

D = Decimal


def _errors(raw, **kwargs) -> dict[str, list[str]]:
    """The errors validate_lines reports for raw lines."""
    with pytest.raises(LinesInvalid) as caught:
        validate_lines(raw, services.funding_vocab(), **kwargs)
    return caught.value.errors


def _save(user, case, raw, base=None, source=FundingSource.API):
    """Validate and save raw API lines."""
    return services.save_raw(user, case, raw, base_version=base, source=source)


def test_valid_lines_become_exact_funding_lines(app):
    """Numbers keep their decimals, shares keep department order, zero shares disappear."""
    raw = api_lines()
    raw[0]["shares"] = {"ppr": "40", "boernehandicap": 60, "fritid": 0}
    lines = validate_lines(raw, services.funding_vocab())
    assert lines[0].shares == {"boernehandicap": D(60), "ppr": D(40)}
    assert list(lines[0].shares) == ["boernehandicap", "ppr"]  # municipality's list order
    assert lines[1].annual_cost == D("50000.50") and lines[1].end is None
    assert lines[1].shares["fritid"] == D("33.34")
    assert from_stored(to_stored(lines[1])) == lines[1]


def test_every_problem_is_reported_by_path(app):
    """All lines and fields are checked at once; paths name line and field."""
    raw = api_lines()
    raw[0]["shares"] = {"boernehandicap": 60, "ppr": 60}
    raw[1].update(intervention="ukendt", annual_cost="12,5", start="2026-13-01")
    raw[2].update(end="2026-01-01", shares={"voksenhandicap": 100.001, "marsbasen": 1})
    errors = _errors(raw)
    assert errors["lines[0].shares"] == ["Andelene summerer til 120 %, skal være 100 %."]
    assert "lines[1].intervention" in errors
    assert "lines[1].annual_cost" in errors and "lines[1].start" in errors
    assert "ligger før startdatoen" in errors["lines[2].end"][0]
    assert "for mange decimaler" in errors["lines[2].shares.voksenhandicap"][0]
    assert "marsbasen" in errors["lines[2].shares.marsbasen"][0]
    assert _errors({"lines": []}) == {"lines": ["Skal være en liste af linjer."]}
    assert _errors([1]) == {
        "lines[0]": ["Hver linje skal være et objekt med felterne for en indsats."]
    }


def test_typed_danish_numbers_and_dates(app):
    """The editor accepts what Danish users type: 1.234,50 / 120.000 / 33,33 / 01-08-2026."""
    raw = {
        "intervention": "aflastning",
        "paragraph": "bl_90",
        "annual_cost": "120.000",
        "start": "01-08-2026",
        "end": "2027-07-31",
        "shares": {"ppr": "66,67", "fritid": "33,33"},
    }
    (line,) = validate_lines([raw], services.funding_vocab(), typed=True)
    assert line.annual_cost == D(120000) and line.start == date(2026, 8, 1)
    assert line.shares == {"ppr": D("66.67"), "fritid": D("33.33")}
    raw["annual_cost"] = "1.234,50"
    (line,) = validate_lines([raw], services.funding_vocab(), typed=True)
    assert line.annual_cost == D("1234.50")


def test_every_save_is_a_new_version_with_author_and_time(app, make_user, make_case):
    """Versions count up, keep who saved and the lines; the case's updated_at follows."""
    user, other = make_user("coordinator"), make_user("controller")
    case = make_case(coordinator=user)
    first = _save(user, case, api_lines())
    db.session.commit()
    changed = api_lines()
    changed[0]["shares"] = {"boernehandicap": 40, "ppr": 60}
    second = _save(other, case, changed, base=1, source=FundingSource.WEB)
    db.session.commit()
    assert (first.version.version, second.version.version) == (1, 2)
    assert second.version.saved_by_id == other.id and second.version.source == "web"
    assert second.version.saved_at is not None
    assert [v.version for v in services.history(case)] == [2, 1]
    assert services.current_lines(case)[0].shares == {"boernehandicap": D(40), "ppr": D(60)}
    assert services.version_lines(services.get_version(case, 1))[0].shares["ppr"] == D(40)
    (change,) = second.changes
    assert change.kind == "changed" and change.number == 1
    assert [(f.department, f.old, f.new) for f in change.fields] == [
        ("boernehandicap", D(60), D(40)),
        ("ppr", D(40), D(60)),
    ]


def test_saving_the_same_lines_adds_no_version(app, make_user, make_case):
    """Nothing changed, nothing stored."""
    user = make_user("coordinator")
    case = make_case(coordinator=user)
    _save(user, case, api_lines())
    again = _save(user, case, api_lines(), base=1)
    assert again.created is False and again.version.version == 1
    assert db.session.query(FundingVersion).count() == 1


@pytest.mark.parametrize("base", [None, 0, 2])
def test_a_save_based_on_an_old_version_is_refused(app, make_user, make_case, base):
    """Optimistic locking: only the current version number may be saved on."""
    user = make_user("coordinator")
    case = make_case(coordinator=user)
    _save(user, case, api_lines())
    with pytest.raises(services.ConflictError) as caught:
        _save(user, case, api_lines()[:1], base=base)
    assert caught.value.current.version == 1


def test_a_concurrent_save_of_the_same_number_loses(app, make_user, make_case, monkeypatch):
    """Two saves that both read version 1: the unique (case, version) stops the second."""
    user = make_user("coordinator")
    case = make_case(coordinator=user)
    _save(user, case, api_lines())
    stale = services.current_version(case)
    _save(user, case, api_lines()[:2], base=1)
    db.session.commit()
    monkeypatch.setattr(services, "current_version", lambda _case: stale)
    with pytest.raises(services.ConflictError):
        _save(user, case, api_lines()[:1], base=1)
    monkeypatch.undo()
    db.session.rollback()
    assert [v.version for v in services.history(case)] == [2, 1]


def _line(intervention="aflastning", description="A", cost=1000, shares=None, **kw):
    """A small FundingLine for diff tests."""
    return FundingLine(
        intervention,
        kw.pop("paragraph", "bl_90"),
        description,
        D(cost),
        kw.pop("start", date(2026, 1, 1)),
        kw.pop("end", None),
        None,
        shares or {"ppr": D(100)},
        "",
    )


def test_diff_pairs_lines_by_content_and_places_removed_lines():
    """Removed, added and changed lines are found whatever their position."""
    old = [_line(description="A"), _line("ledsagelse", "B"), _line("merudgifter", "C")]
    new = [
        _line("merudgifter", "C", cost=2000),
        _line(description="A"),
        _line("afloesning", "D"),
    ]
    changes = diff_lines(old, new, ["ppr"])
    # B came before C in the old order, so its removal is told before C's change.
    assert [(c.kind, c.number) for c in changes] == [
        ("removed", 2),
        ("changed", 1),
        ("added", 3),
    ]
    assert [(f.field, f.old, f.new) for f in changes[1].fields] == [
        ("annual_cost", D(1000), D(2000))
    ]
    assert diff_lines(old, old) == []
    assert [c.kind for c in diff_lines([], old)] == ["added"] * 3
    assert [c.kind for c in diff_lines(old, [])] == ["removed"] * 3


def test_totals_follow_the_reference_calculation(app):
    """Department totals for the year and the whole period are calc.py's, with percentages."""
    vocab = services.funding_vocab()
    lines = validate_lines(api_lines(), vocab)
    totals = services.department_totals(lines, vocab, YEAR)
    keys = vocab.department_values()
    assert {r.key: r.year_amount for r in totals.rows} == calc.totals_for_year(lines, keys, YEAR)
    assert {r.key: r.period_amount for r in totals.rows} == calc.totals_for_period(
        lines, keys, YEAR
    )
    by_key = {r.key: r for r in totals.rows}
    assert by_key["boernehandicap"].year_amount == D(72000) + D("50000.50") * D("0.3333")
    assert sum(r.year_percent for r in totals.rows) == pytest.approx(100)
    assert {s.key for s in totals.slices} == {r.key for r in totals.rows if r.year_amount > 0}


def test_pie_chart_geometry():
    """One department is a full circle; nothing to show is no chart; labels need room."""
    (whole,) = pie_slices([("ppr", "PPR", D(10))])
    assert whole.path == "" and whole.percent == D(100)
    assert pie_slices([("ppr", "PPR", D(0))]) == []
    parts = pie_slices([("a", "A", D(97)), ("b", "B", D(3))])
    assert parts[0].path.startswith("M120.0,120.0") and " 1 1 " in parts[0].path
    assert parts[0].show_label and not parts[1].show_label
    assert len({s.pattern for s in pie_slices([(str(i), str(i), D(1)) for i in range(10)])}) == 10


def test_removing_a_vocabulary_key_used_by_funding_is_refused(app, make_user, make_case):
    """A department, intervention or paragraph still in a current split cannot be removed."""
    admin = make_user("admin")
    case = make_case(reference="FIN-VOCAB-1")
    _save(admin, case, api_lines())
    db.session.commit()
    assert find_usages("departments", "ppr") == ["sag FIN-VOCAB-1: finansiering, linje 1"]
    assert find_usages("interventions", "ledsagelse") == ["sag FIN-VOCAB-1: finansiering, linje 2"]
    assert find_usages("paragraphs", "bl_90") == ["sag FIN-VOCAB-1: finansiering, linje 1, 3"]
    assert find_usages("departments", "jobcenter") == []
    departments = [item for item in services.funding_vocab().departments if item["value"] != "ppr"]
    with pytest.raises(VocabularyError) as caught:
        save_vocabulary(admin, "departments", departments)
    assert "FIN-VOCAB-1" in str(caught.value)
    db.session.rollback()
    unused = [i for i in services.funding_vocab().departments if i["value"] != "jobcenter"]
    save_vocabulary(admin, "departments", unused)


def test_typed_numbers_follow_the_ui_language(app):
    """English users type 1,234.50; the same text means something else in Danish."""
    from app.funding.lines import parse_typed_number

    assert parse_typed_number("1,234.50", "en") == D("1234.50")
    assert parse_typed_number("1.234,50", "da") == D("1234.50")
    assert parse_typed_number("120.000", "da") == D(120000)
    assert parse_typed_number("12.5 %", "en") == D("12.5")
    with pytest.raises(ValueError):
        parse_typed_number("tolv", "da")


def test_editor_rows_keep_free_text_and_normalise_line_breaks():
    """Descriptions keep leading characters; browsers' CRLF becomes LF; other inputs trimmed."""
    from app.funding.forms import rows_from_form

    (row,) = rows_from_form(
        {
            "lines-4-description": "\t=1+2\r\nanden linje",
            "lines-4-amount": "  100 ",
            "lines-4-share-ppr": " 100 ",
            "lines-4-share-ukendt": "5",
            "lines-x-description": "ignored",
        },
        ["ppr"],
    )
    assert row.number == 4 and row.values["description"] == "\t=1+2\nanden linje"
    assert row.values["amount"] == "100" and row.shares == {"ppr": "100"}
