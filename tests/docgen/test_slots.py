"""PDF conversion slots: at most N per user at once across processes; released when done or
when the holding process dies; the API answers 429 with Retry-After when all are taken."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from app.docgen.slots import SlotsTaken, conversion_slot


def test_a_user_gets_at_most_the_limit_and_slots_come_back(tmp_path):
    """Two slots: a third at once is refused; after one is released it can be taken again;
    another user's slots are their own."""
    first = conversion_slot(tmp_path, 7, 2)
    second = conversion_slot(tmp_path, 7, 2)
    assert first.__enter__() == 0 and second.__enter__() == 1
    with pytest.raises(SlotsTaken), conversion_slot(tmp_path, 7, 2):
        pass
    with conversion_slot(tmp_path, 8, 2) as other:
        assert other == 0
    first.__exit__(None, None, None)
    with conversion_slot(tmp_path, 7, 2) as again:
        assert again == 0
    second.__exit__(None, None, None)


def _hold_and_die(directory: str, ready) -> None:
    """Take user 9's only slot in another process, say so, and exit without releasing it."""
    slot = conversion_slot(directory, 9, 1)
    slot.__enter__()
    ready.set()
    os._exit(0)


def test_a_dead_process_never_keeps_a_slot(tmp_path):
    """The operating system releases a lock with its process: a crashed worker frees it."""
    ready = multiprocessing.get_context("fork").Event()
    child = multiprocessing.get_context("fork").Process(
        target=_hold_and_die, args=(str(tmp_path), ready)
    )
    child.start()
    assert ready.wait(10)
    child.join(10)
    with conversion_slot(tmp_path, 9, 1) as number:
        assert number == 0


def test_the_api_answers_429_when_the_users_pdf_slots_are_taken(app, api_as, make_case, tmp_path):
    """With the caller's slots held, a PDF download is refused at once with Retry-After."""
    from app.word import pdfs

    if pdfs.soffice() is None:
        app.config["ENINDGANG_SOFFICE"] = "/bin/true"  # never reached: the slot check is first
    api = api_as("coordinator")
    case = make_case(coordinator=api.user)
    folder = str(tmp_path / "slots")  # this test's own: other workers' users share ids
    app.config["PDF_SLOTS_DIR"] = folder
    limit = app.config["PDF_PER_USER"]
    held = [conversion_slot(folder, api.user.id, limit) for _ in range(limit)]
    for slot in held:
        slot.__enter__()
    try:
        answer = api.get(f"/cases/{case.id}/plan.pdf")
        assert answer.status_code == 429 and answer.headers["Retry-After"] == "5"
        assert "PDF" in answer.json["error"]
    finally:
        for slot in held:
            slot.__exit__(None, None, None)
