"""The one-time code that can protect a family link: made, sent, checked.

A code is 6 digits, lives 10 minutes and allows 5 attempts; then a new one must be sent.
Only an HMAC of it (keyed with the app's secret and the link's id) is stored, and it is
compared in constant time. These limits are the product's defaults, not a rule of law.

Sending is an interface (``CodeSender``). The console sender is for development (the
default there): it prints the code for the developer to stdout, with the link's id and a
masked address, never a name, a CPR number or case text. Production's default is ``smtp``
with the ``SMTP_*`` settings (environment ``ENINDGANG_FAMILY_CODE_SENDER``,
``ENINDGANG_SMTP_*``), so no code lands in a server log unless someone asks for it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import smtplib
import sys
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Protocol

from flask import current_app

CODE_DIGITS = 6
CODE_MINUTES = 10
CODE_ATTEMPTS = 5


class CodeNotSent(Exception):
    """The sender could not deliver the code (the mail server unreachable or refusing)."""


class CodeSender(Protocol):
    """Delivers a one-time code to a family member's e-mail address."""

    def send(self, *, to: str, code: str, link_id: int, minutes: int) -> None:
        """Send ``code`` to ``to``; raise (OSError, smtplib.SMTPException) on failure."""


class ConsoleCodeSender:
    """Development only: prints the code to stdout instead of sending an e-mail."""

    def send(self, *, to: str, code: str, link_id: int, minutes: int) -> None:
        """Print the code with the link's id and a masked address (no name, no case text)."""
        print(
            f"[family link {link_id}] one-time code for {mask(to)}: {code} "
            f"(valid {minutes} minutes; development console sender)",
            file=sys.stdout,
            flush=True,
        )


class SmtpCodeSender:
    """Sends the code by e-mail through the configured SMTP server (STARTTLS when asked)."""

    def __init__(self, config: dict):
        self.config = config

    def send(self, *, to: str, code: str, link_id: int, minutes: int) -> None:
        """Send a short Danish e-mail with the code; nothing else about the case."""
        message = EmailMessage()
        message["From"] = self.config.get("SMTP_FROM") or "noreply@localhost"
        message["To"] = to
        message["Subject"] = "Din kode"
        message.set_content(
            f"Din kode er {code}.\n\nKoden virker i {minutes} minutter. "
            "Har du ikke bedt om en kode, kan du se bort fra denne e-mail."
        )
        host = self.config.get("SMTP_HOST") or "localhost"
        port = int(self.config.get("SMTP_PORT") or 25)
        with smtplib.SMTP(host, port, timeout=20) as smtp:
            if self.config.get("SMTP_STARTTLS"):
                smtp.starttls()
            if self.config.get("SMTP_USER"):
                smtp.login(self.config["SMTP_USER"], self.config.get("SMTP_PASSWORD") or "")
            smtp.send_message(message)


def sender() -> CodeSender:
    """The configured sender; a test or a deployment may place its own in app.extensions."""
    placed = current_app.extensions.get("family_code_sender")
    if placed is not None:
        return placed
    if current_app.config.get("FAMILY_CODE_SENDER", "smtp") == "smtp":
        return SmtpCodeSender(current_app.config)
    return ConsoleCodeSender()


def mask(address: str) -> str:
    """ "k***@example.dk": enough for a developer to see where it went."""
    name, _, domain = address.partition("@")
    return f"{name[:1]}***@{domain}" if domain else "***"


def new_code() -> str:
    """Six random digits."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_hash(code: str, link_id: int) -> str:
    """HMAC-SHA256 of the code, keyed with the app's secret and bound to the link."""
    key = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(key, f"{link_id}:{code}".encode(), hashlib.sha256).hexdigest()


def matches(code: str, link_id: int, stored: str | None) -> bool:
    """True when ``code`` is the stored one (constant-time comparison)."""
    if not stored:
        return False
    return hmac.compare_digest(code_hash(code.strip(), link_id), stored)


def expiry(now: datetime) -> datetime:
    """When a code made now stops working."""
    return now + timedelta(minutes=CODE_MINUTES)
