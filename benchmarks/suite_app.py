"""`make bench`, part 1: the big case's plans, its PDF and the SMARTE form page, over HTTP.

Each "ours" is a request through the test client (routing, session, access check, database,
context, sandboxed render, audit). The floors, in the same process:
- plans: bare docxtpl with the same template, the same filters and the same context (a plain
  Jinja environment: no sandbox, no escaping, no cleaning, no time limit); the same floor run
  in the app's isolation (a forked child with the same limits, which every rendering has
  since the security work), against which the ≤ 1.3× target is read; `render_docx` alone
  (no HTTP, no database); and what the isolation itself costs (the floor in a child vs here);
- PDF: one conversion of the same .docx by the warm converter (app.docgen.pdf), without HTTP,
  database or rendering, against a first download (the process's PDF cache emptied) and a
  repeated download of the unchanged plan (its PDF kept), and a cold `soffice --convert-to`;
- form page: a hand-written Flask-WTF form with the same fields (bench_wtforms_floor).
"""

from __future__ import annotations

from typing import Any

from bench_bigcase import bench_app, form_values, logged_in_client, seed_big_case
from bench_common import Row, median_of, paired
from bench_wtforms_floor import register as register_floor


def _bare_docxtpl(template: bytes, context: dict[str, Any]) -> bytes:
    """docxtpl with a plain environment carrying the app's filters."""
    import io

    from docxtpl import DocxTemplate
    from jinja2 import Environment

    from app.docgen.filters import FILTERS

    env = Environment(autoescape=True)  # escaping on: the values hold "&" and "<"
    env.filters.update(FILTERS)
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context, jinja_env=env)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def _get(client, url: str, status: int = 200) -> bytes:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.data


def plan_rows(app, client, case_id: int, repeat: int) -> list[Row]:
    """The internal and the family's plan: HTTP vs bare docxtpl, and render_docx alone."""
    from app.docgen.render import render_docx
    from app.extensions import db
    from app.models import Case
    from app.word import services, store

    rows = []
    for label, name, url, make_context in (
        ("internal plan", services.PLAN, "intern-plan", services.plan_context),
        ("family plan", services.FAMILY_PLAN, "familiens-plan", services.family_plan_context),
    ):
        with app.test_request_context():  # the context as a request builds it (locale, time)
            template, _municipal = store.template_for(name)
            context = make_context(db.session.get(Case, case_id))

        def in_context(work, t=template, c=context):
            def run() -> None:
                with app.test_request_context():
                    work(t, c)

            return run

        address = f"/sager/{case_id}/{url}.docx"
        http = lambda a=address: _get(client, a)  # noqa: E731 - one line per side
        ours, floor = paired(repeat, http, in_context(_bare_docxtpl))
        ours2, isolated = paired(repeat, http, in_context(_isolated_docxtpl))
        render, floor2 = paired(repeat, in_context(render_docx), in_context(_bare_docxtpl))
        here, floor3 = paired(repeat, in_context(_isolated_docxtpl), in_context(_bare_docxtpl))
        rows += [
            Row(f"{label} .docx, HTTP (20 goals)", ours, floor, target="isolation: next rows"),
            Row(
                f"{label} .docx, HTTP vs docxtpl in the same isolation",
                ours2,
                isolated,
                target="≤ 1.3×",
            ),  # fmt: skip
            Row(f"{label} .docx, render_docx only", render, floor2),
            Row(f"{label}: what the isolation costs (docxtpl in a child)", here, floor3),
        ]
    return rows


def _isolated_docxtpl(template: bytes, context: dict[str, Any]) -> bytes:
    """The bare floor in the app's isolation (a forked child with the same limits), which the
    security work put around every rendering: the issue's "floor with the same isolation"."""
    from app.docgen.isolation import run_isolated
    from app.docgen.render import render_limits

    return run_isolated(lambda: _bare_docxtpl(template, context), render_limits())


def pdf_rows(app, client, case_id: int, repeat: int) -> list[Row]:
    """The internal plan as PDF over HTTP against one warm conversion of the same .docx: the
    first download (converted), and the same plan again (its PDF kept: app/docgen/pdfcache)."""
    from app.docgen import pdf
    from app.word import pdfs

    soffice = pdf.configured_soffice(app.config)
    if soffice is None:
        return []
    docx = _get(client, f"/sager/{case_id}/intern-plan.docx")
    converter = pdf.warm_converter(soffice)
    if converter is None:
        return [Row("PDF: no warm converter here (see docs)", 0.0)]
    warm = lambda: converter.convert(docx, timeout=60)  # noqa: E731
    address = f"/sager/{case_id}/intern-plan.pdf"

    def first_download() -> None:
        """A plan not converted before: the process's PDF cache is emptied first."""
        with app.app_context():
            pdfs.pdf_cache().clear()
        _get(client, address)

    ours, floor = paired(repeat, first_download, warm)
    again, floor2 = paired(repeat, lambda: _get(client, address), warm)
    cold = median_of(max(1, repeat // 3), lambda: pdf.docx_to_pdf(docx, soffice=soffice))
    return [
        Row("internal plan PDF, HTTP, first download", ours, floor, target="≤ 1.5×, < 500 ms"),
        Row("internal plan PDF, HTTP, unchanged plan again (cache)", again, floor2),
        Row("cold soffice conversion (fallback)", cold, floor),
    ]


def form_rows(app, client, case_id: int, repeat: int) -> list[Row]:
    """SMARTE form page GET and draft POST against the hand-written WTForms form."""
    ours_url = f"/sager/{case_id}/formularer/smarte_maal"
    floor_url = f"/bench/sager/{case_id}/smarte"
    headers = {"Referer": "https://localhost" + ours_url}

    floor_values = form_values(client.get(floor_url).get_data(as_text=True))

    def posting(url: str, values: list[tuple[str, str]]):
        data = _multidict([*values, ("_save_draft", "1")])
        return lambda: _post(client, url, data, headers)

    get_ours, get_floor = paired(
        repeat, lambda: _get(client, ours_url), lambda: _get(client, floor_url)
    )
    post_ours, post_floor = paired(
        repeat, _refreshing(client, ours_url, headers), posting(floor_url, floor_values)
    )
    return [
        Row("SMARTE form page GET (20 goals)", get_ours, get_floor, target="≤ 1.5×"),
        Row("SMARTE form draft POST (20 goals)", post_ours, post_floor, target="≤ 1.5×"),
    ]


def _multidict(values):
    from werkzeug.datastructures import MultiDict

    return MultiDict(values)


def _post(client, url: str, data, headers) -> None:
    response = client.post(url, data=data, headers=headers)
    assert response.status_code in (302, 303), (url, response.status_code)


def _refreshing(client, url: str, headers):
    """A draft save of the engine's page: each save posts the version it edited, so the values
    are read from the page once and only the version field moves on (one per save). The big
    case's goal sheet is final, so the save carries the answer to "make it a draft again?"."""
    values = form_values(client.get(url).get_data(as_text=True))
    version = [int(dict(values)["_version"])]

    def save() -> None:
        data = [(k, str(version[0]) if k == "_version" else v) for k, v in values]
        extra = [("_save_draft", "1"), ("_confirm_draft", "1")]
        _post(client, url, _multidict([*data, *extra]), headers)
        version[0] += 1

    return save


def run(repeat: int, database_url: str | None = None) -> list[Row]:
    """All rows of this part."""
    app = bench_app(database_url, setup=register_floor)
    with app.app_context():
        case_id = seed_big_case()
    client = logged_in_client(app)
    rows = plan_rows(app, client, case_id, repeat)
    rows += pdf_rows(app, client, case_id, max(3, repeat // 2))
    rows += form_rows(app, client, case_id, repeat)
    return rows
