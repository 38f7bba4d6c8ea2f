"""The editor page: its rows, errors, live totals and conflicts, for showing and for saving.

Totals are always computed on the server with excel_tools.calc (the same code the workbook's
formulas are tested against), from the rows as typed: rows that do not validate yet are
left out of the totals and counted, so the numbers never pretend to include them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import gettext as _

from app.formengine.rows import TEMPLATE_NUMBER, next_number, pressed_button, remove_row
from app.funding import criteria, services
from app.funding.default_payer import prefill_default_payers
from app.funding.diff import LineChange, diff_lines
from app.funding.display import FIELD_LABELS
from app.funding.forms import EditorRow, rows_from_form, rows_from_lines
from app.funding.lines import LinesInvalid, parse_typed_date, validate_lines
from app.funding.vocab import FundingVocab
from app.models import Case, FundingSource, FundingVersion, User


@dataclass
class ErrorItem:
    """One line of the error summary, linking to the input it is about."""

    anchor: str
    label: str
    message: str


@dataclass
class EditorPage:
    """Everything the editor template shows."""

    rows: list[EditorRow]
    totals: services.Totals
    year: int
    base_version: int
    errors: dict[str, list[str]] = field(default_factory=dict)
    summary: list[ErrorItem] = field(default_factory=list)
    amounts: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)
    excluded: int = 0
    conflict: FundingVersion | None = None
    conflict_changes: list[LineChange] = field(default_factory=list)
    outcome: str = "shown"  # shown | added | edited | invalid | conflict | unchanged | saved
    result: services.SaveResult | None = None
    lines: list = field(default_factory=list)  # the saved lines (for the read-only view)
    review_date: str = ""  # as typed (ISO from the date input)
    checklist: list[dict] = field(default_factory=list)  # joint-funding criteria, ticked or not

    @property
    def new_row(self) -> EditorRow:
        """A blank row whose number is a placeholder, for rows.js to copy and number."""
        return EditorRow(TEMPLATE_NUMBER)  # type: ignore[arg-type]

    @property
    def focus(self) -> str | None:
        """The input to focus after adding a row."""
        return self.rows[-1].field_id("intervention") if self.outcome == "added" else None


def _page(
    rows: list[EditorRow], vocab: FundingVocab, year: int, locale: str, base_version: int
) -> EditorPage:
    """A page for typed rows: totals and per-row amounts from the rows that validate."""
    valid, amounts, excluded = [], {}, 0
    for row in rows:
        if row.is_blank():
            continue
        try:
            (line,) = validate_lines([row.as_raw()], vocab, typed=True, locale=locale)
        except LinesInvalid:
            excluded += 1
            continue
        valid.append(line)
        amounts[row.number] = services.line_amounts(line, year)
    totals = services.department_totals(valid, vocab, year, locale)
    return EditorPage(rows, totals, year, base_version, amounts=amounts, excluded=excluded)


def show(case: Case, vocab: FundingVocab, year: int, locale: str) -> EditorPage:
    """The editor with the case's current split."""
    current = services.current_version(case)
    lines = services.version_lines(current)
    page = _page(
        rows_from_lines(lines, locale), vocab, year, locale, current.version if current else 0
    )
    page.lines = lines
    review = current.review_date if current else None
    page.review_date = review.isoformat() if review else ""
    page.checklist = criteria.checklist(current.criteria_met if current else None)
    return page


def _keep_split_settings(page: EditorPage, formdata: Mapping[str, str]) -> None:
    """Show the typed review date and ticks again (adding or removing a row checks nothing)."""
    page.review_date = (formdata.get("review_date") or "").strip()
    page.checklist = criteria.checklist(criteria.met_keys(formdata))


def _split_settings(page: EditorPage, formdata: Mapping[str, str]):
    """The typed review date and ticked criteria; the date's error goes on the page."""
    met = criteria.met_keys(formdata)
    page.review_date = (formdata.get("review_date") or "").strip()
    page.checklist = criteria.checklist(met)
    if not page.review_date:
        return None, met
    try:
        return parse_typed_date(page.review_date), met
    except ValueError as exc:
        message = _("Revisionsdatoen %(reason)s.", reason=exc)
        page.errors.setdefault("review_date", []).append(message)
        page.summary.append(ErrorItem("review_date", str(_("Revideres senest")), message))
        return False, met


def _base_version(formdata: Mapping[str, str]) -> int:
    """The version the user's page was based on (-1 when missing or garbled)."""
    text = (formdata.get("_version") or "").strip()
    return int(text) if text.isdigit() else -1


def _add_errors(
    page: EditorPage,
    kept: list[EditorRow],
    errors: dict[str, list[str]],
    vocab: FundingVocab,
    locale: str,
) -> None:
    """Attach validation errors (by path) to inputs and build the linked summary."""
    position = {row.number: index for index, row in enumerate(page.rows, start=1)}
    departments = vocab.department_values()
    for path, messages in errors.items():
        anchor, key, label = "funding-lines", "funding-lines", str(_("Linjer"))
        if path.startswith("lines[") and "]" in path:
            row = kept[int(path[len("lines[") : path.index("]")])]
            name, _dot, department = path[path.index("]") + 2 :].partition(".")
            line_label = _("Linje %(n)s", n=position[row.number])
            if name == "shares" and department:
                anchor = key = row.share_id(department)
                dept_label = vocab.label("shares", department, locale)
                share_label = _("andel for %(dept)s", dept=dept_label)
                label = f"{line_label}, {share_label}"
            elif name == "shares":
                # The sum is shown beside the line's shares; the link goes to the first one.
                anchor = row.share_id(departments[0]) if departments else row.field_id("notes")
                key = f"lines-{row.number}-shares"
                label = f"{line_label}, {FIELD_LABELS['shares']}"
            else:
                anchor = key = row.field_id(name if name in FIELD_LABELS else "intervention")
                label = f"{line_label}, {FIELD_LABELS.get(name, name)}"
        page.errors.setdefault(key, []).extend(messages)
        page.summary.extend(ErrorItem(anchor, label, message) for message in messages)


def submit(
    user: User,
    case: Case,
    formdata: Mapping[str, str],
    vocab: FundingVocab,
    year: int,
    locale: str,
) -> EditorPage:
    """Handle a post of the editor: add or remove a row, recalculate, or save."""
    departments = vocab.department_values()
    rows = rows_from_form(formdata, departments)
    base = _base_version(formdata)
    button = pressed_button(formdata)
    if button or "_recalculate" in formdata:
        prefill_default_payers(rows, departments)  # the page comes back, nothing is saved
    if button and button.action == "add":
        rows.append(EditorRow(next_number(row.number for row in rows)))
        page = _page(rows, vocab, year, locale, base)
        _keep_split_settings(page, formdata)
        page.outcome = "added"
        return page
    if button:  # rows keep their numbers (gaps allowed), so remove by number
        rows = remove_row(rows, button.row, number_of=lambda row: row.number)
        page = _page(rows, vocab, year, locale, base)
        _keep_split_settings(page, formdata)
        page.outcome = "edited"
        return page
    kept = [row for row in rows if not row.is_blank()]
    page = _page(rows, vocab, year, locale, base)
    review, met = _split_settings(page, formdata)
    try:
        lines = validate_lines([row.as_raw() for row in kept], vocab, typed=True, locale=locale)
    except LinesInvalid as error:
        _add_errors(page, kept, error.errors, vocab, locale)
        page.outcome = "invalid"
        return page
    if review is False:
        page.outcome = "invalid"
        return page
    if "_recalculate" in formdata:
        page.outcome = "edited"
        return page
    try:
        result = services.save_lines(
            user,
            case,
            lines,
            base_version=base,
            source=FundingSource.WEB,
            vocab=vocab,
            review_date=review,
            criteria_met=met,
        )
    except services.ConflictError as error:
        _conflict(page, case, error.current, base, departments)
        return page
    page.result = result
    page.outcome = "saved" if result.created else "unchanged"
    return page


def _conflict(
    page: EditorPage,
    case: Case,
    current: FundingVersion | None,
    base: int,
    departments: list[str],
) -> None:
    """Keep the typed rows and show what the other save changed since the user's version."""
    current = current or services.current_version(case)
    before = services.get_version(case, base) if base > 0 else None
    page.conflict = current
    page.conflict_changes = diff_lines(
        services.version_lines(before), services.version_lines(current), departments
    )
    # Saving again now deliberately puts the user's rows on top of the other version.
    page.base_version = current.version if current else 0
    page.outcome = "conflict"
