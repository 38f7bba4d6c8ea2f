"""The one-time code's sending: the console sender for development, SMTP when configured."""

from __future__ import annotations

import pytest
from flask import current_app

from app.config import settings_from_environment
from app.familylink import codes


def test_the_console_sender_prints_the_code_and_a_masked_address(capsys):
    """The developer sees the code; the address is masked; nothing else is printed."""
    codes.ConsoleCodeSender().send(to="sofie@example.dk", code="123456", link_id=5, minutes=10)
    out = capsys.readouterr().out
    assert "123456" in out and "s***@example.dk" in out and "[family link 5]" in out
    assert "sofie@" not in out


def test_the_sender_is_the_console_unless_smtp_is_configured(app):
    """The tests run as development (console); FAMILY_CODE_SENDER=smtp gives SMTP."""
    assert isinstance(codes.sender(), codes.ConsoleCodeSender)
    current_app.config["FAMILY_CODE_SENDER"] = "smtp"
    try:
        assert isinstance(codes.sender(), codes.SmtpCodeSender)
    finally:
        current_app.config["FAMILY_CODE_SENDER"] = "console"


@pytest.mark.parametrize(
    ("env", "sender"), [("production", "smtp"), ("development", "console"), ("testing", "console")]
)
def test_a_code_goes_to_a_log_only_in_development_unless_asked(tmp_path, monkeypatch, env, sender):
    """Production's default sends e-mail: the console sender would print a family's code into
    the server's log. Asking for it explicitly still works (a pilot without mail)."""
    monkeypatch.setenv("ENINDGANG_ENV", env)
    monkeypatch.setenv("ENINDGANG_SECRET_KEY", "k")
    monkeypatch.delenv("ENINDGANG_FAMILY_CODE_SENDER", raising=False)
    assert settings_from_environment(str(tmp_path))["FAMILY_CODE_SENDER"] == sender
    monkeypatch.setenv("ENINDGANG_FAMILY_CODE_SENDER", "console")
    assert settings_from_environment(str(tmp_path))["FAMILY_CODE_SENDER"] == "console"


def test_the_smtp_sender_sends_only_the_code(monkeypatch):
    """One message to the address, with the code and nothing about the case; STARTTLS and
    login as configured."""
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *args):
            return False

        def starttls(self):
            sent.append(("starttls",))

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, message):
            sent.append(("message", message["To"], message.get_content()))

    monkeypatch.setattr(codes.smtplib, "SMTP", FakeSMTP)
    config = {"SMTP_HOST": "mail.kommune.dk", "SMTP_PORT": 587, "SMTP_STARTTLS": True,
              "SMTP_USER": "noreply", "SMTP_PASSWORD": "x", "SMTP_FROM": "noreply@kommune.dk"}  # fmt: skip
    codes.SmtpCodeSender(config).send(to="mor@example.dk", code="654321", link_id=3, minutes=10)
    assert sent[:3] == [("connect", "mail.kommune.dk", 587), ("starttls",), ("login", "noreply")]
    kind, to, body = sent[3]
    assert to == "mor@example.dk" and "654321" in body and "10 minutter" in body


def test_codes_are_six_digits_and_checked_against_their_link(app):
    """A code matches only its own link's HMAC."""
    code = codes.new_code()
    assert len(code) == 6 and code.isdigit()
    stored = codes.code_hash(code, 1)
    assert codes.matches(code, 1, stored)
    assert not codes.matches(code, 2, stored)
    assert not codes.matches(code, 1, None)
