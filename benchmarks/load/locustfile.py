"""The load mix of `make bench-load`: coordinators working on their own case.

Each simulated user logs in once (the login form, scrypt as in production), then, with 1–3 s
of thinking between steps, opens the case list, the case page, the SMARTE form, saves a
draft (the form posted with the draft button), and downloads the internal plan as Word and
PDF and the case's funding workbook. Users are load0…load49@bench.dk (seeded by
run_load.py), each the coordinator of case LOAD-nnn.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_bigcase import form_values  # noqa: E402 - the benchmarks' folder is on the path

PASSWORD = "load-test-password-2026"  # noqa: S105 - throw-away users of a throw-away database
_numbers = itertools.count()
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
#: The seeded cases, in the users' order (run_load.py passes them).
CASE_IDS = [int(n) for n in os.environ.get("LOAD_CASE_IDS", "1").split(",")]


class Coordinator(HttpUser):
    """One coordinator and her case."""

    wait_time = between(1, 3)

    def on_start(self) -> None:
        """Log in through the form and find the case."""
        self.number = next(_numbers)
        page = self.client.get("/login", name="login page").text
        token = _TOKEN.search(page).group(1)
        self.client.post(
            "/login",
            data={"email": f"load{self.number}@bench.dk", "password": PASSWORD,
                  "csrf_token": token},
            name="log in",
        )  # fmt: skip
        self.case_id = CASE_IDS[self.number % len(CASE_IDS)]

    @task(4)
    def case_list(self) -> None:
        """Mine sager."""
        self.client.get("/", name="case list")

    @task(3)
    def case_page(self) -> None:
        """The case's page."""
        self.client.get(f"/sager/{self.case_id}", name="case page")

    @task(2)
    def form_page(self) -> None:
        """The SMARTE form."""
        self.client.get(f"/sager/{self.case_id}/formularer/smarte_maal", name="form page")

    @task(1)
    def draft_save(self) -> None:
        """The form posted with the draft button (autosave's stand-in)."""
        url = f"/sager/{self.case_id}/formularer/smarte_maal"
        page = self.client.get(url, name="form page").text
        data = [*form_values(page), ("_save_draft", "1")]  # everything, as a browser posts
        with self.client.post(url, data=data, name="draft save", catch_response=True,
                              allow_redirects=False) as response:  # fmt: skip
            if response.status_code not in (302, 303):
                response.failure(f"draft save answered {response.status_code}")

    @task(1)
    def word(self) -> None:
        """The internal plan as Word."""
        self.client.get(f"/sager/{self.case_id}/intern-plan.docx", name="Word plan")

    @task(1)
    def excel(self) -> None:
        """The case's funding workbook."""
        self.client.get(f"/sager/{self.case_id}/finansiering.xlsx", name="Excel workbook")

    @task(1)
    def pdf(self) -> None:
        """The internal plan as PDF."""
        with self.client.get(f"/sager/{self.case_id}/intern-plan.pdf", name="PDF plan",
                             catch_response=True, allow_redirects=False) as response:  # fmt: skip
            if response.status_code != 200 or not response.content.startswith(b"%PDF"):
                response.failure(f"PDF answered {response.status_code}")
