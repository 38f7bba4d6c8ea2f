"""Configuration from the environment and the instance folder."""

from __future__ import annotations

import stat

from app import create_app
from app.config import load_or_create_secret_key, settings_from_environment


def test_defaults_need_no_configuration(tmp_path, monkeypatch):
    """With nothing set: SQLite in instance/, a generated key kept with mode 0600."""
    for name in ("DATABASE_URL", "SECRET_KEY", "ENV"):
        monkeypatch.delenv("ENINDGANG_" + name, raising=False)
    settings = settings_from_environment(str(tmp_path))
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/enindgang.sqlite3"
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert settings["SECRET_KEY"] == key_file.read_text().strip()
    assert len(settings["SECRET_KEY"]) >= 40
    assert settings_from_environment(str(tmp_path))["SECRET_KEY"] == settings["SECRET_KEY"]
    # Production defaults: secure cookie, 30 minutes idle timeout.
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert settings["IDLE_TIMEOUT_MINUTES"] == 30
    assert settings["PASSWORD_HASH_METHOD"] == "scrypt"


def test_environment_overrides(tmp_path, monkeypatch):
    """ENINDGANG_* variables configure the database, key and idle timeout."""
    monkeypatch.setenv("ENINDGANG_DATABASE_URL", "postgres://u:p@db.example:5432/enindgang")
    monkeypatch.setenv("ENINDGANG_SECRET_KEY", "from-env")
    monkeypatch.setenv("ENINDGANG_IDLE_TIMEOUT_MINUTES", "15")
    monkeypatch.setenv("ENINDGANG_ENV", "development")
    settings = settings_from_environment(str(tmp_path))
    assert (
        settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.example:5432/enindgang"
    )
    assert settings["SECRET_KEY"] == "from-env"
    assert settings["IDLE_TIMEOUT_MINUTES"] == 15
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert not (tmp_path / "secret_key").exists()


def test_key_file_is_not_replaced(tmp_path):
    """An existing key survives restarts (sessions stay valid)."""
    (tmp_path / "secret_key").write_text("kept")
    assert load_or_create_secret_key(str(tmp_path)) == "kept"


def test_create_app_uses_instance_path_from_environment(tmp_path, monkeypatch):
    """ENINDGANG_INSTANCE_PATH moves the instance folder."""
    monkeypatch.setenv("ENINDGANG_INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.delenv("ENINDGANG_DATABASE_URL", raising=False)
    app = create_app()
    assert app.instance_path == str(tmp_path / "inst")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("/inst/enindgang.sqlite3")
