"""Settings read from the environment; secrets are kept in the instance folder."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ENV_PREFIX = "ENINDGANG_"


def shipped_folder(name: str) -> Path:
    """A data folder the project ships beside the code: ``forms`` or ``doc_templates``.

    In a checkout (and an editable install) it is the repository's top-level folder; a wheel
    installs it as data files under ``<prefix>/share/enindgang/`` (pyproject.toml), because
    the folders are not Python packages.
    """
    here = Path(__file__).resolve()
    beside_code = here.parents[1] / name
    if beside_code.is_dir():
        return beside_code
    # <prefix>/lib/pythonX.Y/site-packages/app/config.py → <prefix>/share/enindgang/<name>
    for prefix in (here.parents[4], Path(sys.prefix)):
        installed = prefix / "share" / "enindgang" / name
        if installed.is_dir():
            return installed
    return beside_code  # missing: the start-up check names the folder it looked for


def _env(name: str, default: str | None = None) -> str | None:
    """Return the environment variable ENINDGANG_<name>, or the default."""
    value = os.environ.get(ENV_PREFIX + name)
    return value if value not in (None, "") else default


def _env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_or_create_secret_key(instance_path: str) -> str:
    """Return the secret key stored in the instance folder, creating it (mode 0600) if missing."""
    path = Path(instance_path) / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its key
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


def settings_from_environment(instance_path: str) -> dict:
    """Build the Flask configuration from ENINDGANG_* variables with safe defaults."""
    env = _env("ENV", "production")
    development = env in {"development", "testing"}
    database_url = _env("DATABASE_URL") or "sqlite:///" + str(
        Path(instance_path) / "enindgang.sqlite3"
    )
    if database_url.startswith("postgres://"):  # the old Heroku-style scheme
        database_url = "postgresql://" + database_url[len("postgres://") :]
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://") :]
    return {
        "ENINDGANG_ENV": env,
        "SECRET_KEY": _env("SECRET_KEY") or load_or_create_secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        # hide_parameters: database errors must not echo case text or CPR numbers into logs.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "SESSION_COOKIE_NAME": "enindgang_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _env_bool("SESSION_COOKIE_SECURE", not development),
        "IDLE_TIMEOUT_MINUTES": int(_env("IDLE_TIMEOUT_MINUTES", "30")),
        # Werkzeug's memory-hard scrypt; only the tests choose something cheaper.
        "PASSWORD_HASH_METHOD": "scrypt",
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": _env("LOGIN_RATE_LIMIT", "5 per minute"),
        "BABEL_DEFAULT_LOCALE": "da",
        "BABEL_DEFAULT_TIMEZONE": _env("TIMEZONE", "Europe/Copenhagen"),
        "LANGUAGES": ["da", "en"],
        "MAX_CONTENT_LENGTH": int(_env("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024))),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the (idle-limited) session
        "PREFERRED_URL_SCHEME": "https" if not development else "http",
        "TRUSTED_PROXIES": int(_env("TRUSTED_PROXIES", "0")),
        # How long audit events are kept before `enindgang audit purge` deletes them: the
        # municipality's choice (a product default of five years; no rule of law is claimed).
        "AUDIT_RETENTION_DAYS": int(_env("AUDIT_RETENTION_DAYS", "1825")),
        # PDF conversions one user may run at once (across workers on the host; docgen/slots.py).
        "PDF_PER_USER": int(_env("PDF_PER_USER", "2")),
        # One Word rendering (a download or a template check) runs in a child process with
        # these limits (app/docgen/isolation.py): wall-clock seconds, and MiB it may allocate.
        "RENDER_SECONDS": float(_env("RENDER_SECONDS", "10")),
        "RENDER_MEMORY_MB": int(_env("RENDER_MEMORY_MB", "512")),
        # One warm LibreOffice per app process for PDFs (app/docgen/warm.py) when a Python
        # with `uno` exists (ENINDGANG_UNO_PYTHON, else found); off: every PDF starts soffice.
        "ENINDGANG_PDF_WARM": _env_bool("PDF_WARM", True),
        # The last PDFs made, kept in each app process's memory (app/docgen/pdfcache.py): at
        # most this many MB, for at most this many seconds; 0 turns it off. The product's
        # choice, not a rule: a repeated download of an unchanged plan skips LibreOffice.
        "PDF_CACHE_MB": int(_env("PDF_CACHE_MB", "32")),
        "PDF_CACHE_SECONDS": float(_env("PDF_CACHE_SECONDS", "600")),
        # How long a personal API token lives: a product default the municipality may change.
        "API_TOKEN_DAYS": int(_env("API_TOKEN_DAYS", "365")),
        # How long a personal calendar feed lives: a product default the municipality may
        # change (not a rule of either model).
        "CALENDAR_FEED_DAYS": int(_env("CALENDAR_FEED_DAYS", "365")),
        # Unknown calendar-feed addresses allowed per client address (a working feed's
        # polls do not count): guessing stays slow however long the tokens are.
        "CALENDAR_FEED_RATE_LIMIT": _env("CALENDAR_FEED_RATE_LIMIT", "20 per minute"),
        # Family links (docs/family-links.md): the product's default lifetime, the one-time
        # code's sender and SMTP. "console" prints the code for developers, so it is the
        # default only in development: in production a code must reach the family by e-mail,
        # never a log.
        "FAMILY_LINK_DAYS": int(_env("FAMILY_LINK_DAYS", "30")),
        "FAMILY_LINK_RATE_LIMIT": _env("FAMILY_LINK_RATE_LIMIT", "20 per minute"),
        "FAMILY_CODE_SENDER": _env("FAMILY_CODE_SENDER", "console" if development else "smtp"),
        "SMTP_HOST": _env("SMTP_HOST", ""),
        "SMTP_PORT": int(_env("SMTP_PORT", "25")),
        "SMTP_FROM": _env("SMTP_FROM", ""),
        "SMTP_USER": _env("SMTP_USER", ""),
        "SMTP_PASSWORD": _env("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _env_bool("SMTP_STARTTLS", True),
        # Sign-in (docs/sign-in.md): "local" (passwords, the default for `make run` and the
        # demo), "oidc+local" or "oidc" (production).
        "SIGN_IN": (_env("SIGN_IN", "local") or "local").strip().lower(),
        "OIDC_ISSUER": _env("OIDC_ISSUER", ""),
        "OIDC_CLIENT_ID": _env("OIDC_CLIENT_ID", ""),
        "OIDC_CLIENT_SECRET": _env("OIDC_CLIENT_SECRET", ""),
        "OIDC_SCOPES": _env("OIDC_SCOPES", "openid email profile"),
        "OIDC_EMAIL_CLAIM": _env("OIDC_EMAIL_CLAIM", "email"),
        "OIDC_NAME_CLAIM": _env("OIDC_NAME_CLAIM", "name"),
        "OIDC_ROLES_CLAIM": _env("OIDC_ROLES_CLAIM", "roles"),
        # "directory value=role, …"; empty: the role names themselves (app roles named so).
        "OIDC_ROLE_MAP": _env("OIDC_ROLE_MAP", ""),
        "OIDC_DEPARTMENT_CLAIM": _env("OIDC_DEPARTMENT_CLAIM", ""),
        # "directory value=departments key, …" for department names the list does not use.
        "OIDC_DEPARTMENT_MAP": _env("OIDC_DEPARTMENT_MAP", ""),
        "OIDC_TIMEOUT_SECONDS": int(_env("OIDC_TIMEOUT_SECONDS", "10")),
    }
