"""The registry of form definitions: built-in YAML files and published municipal versions.

Versions are immutable rows; `current_form_versions` says which one new submissions use.
Parsed definitions are cached per checksum: the cache is derived from immutable rows, so
several processes can each keep their own without ever disagreeing.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import audit
from app.database import schema_is_current, utcnow
from app.extensions import db
from app.formengine import DefinitionError, FormDefinition, Problem, builtin_forms_dir
from app.formengine import load_definition as _load
from app.models import CurrentFormVersion, FormVersion, Submission, User
from app.web.i18n import NOTE_BUILTIN

BUILTIN = "builtin"
LOCAL = "local"
MAX_SOURCE_CHARS = 200_000


class PublishConflict(Exception):
    """Someone published a version of the same form at the same moment."""


class PublishError(ValueError):
    """A definition that cannot be published, with every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def checksum(source: str) -> str:
    """SHA-256 of a definition's source text."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def parse_source(
    source: str, origin: str = "<formular>", vocabulary_names: Collection[str] | None = None
) -> FormDefinition:
    """Parse and check YAML; raise PublishError with every problem."""
    if len(source) > MAX_SOURCE_CHARS:
        raise PublishError([Problem(origin, None, "", _("definitionen er for lang"))])
    try:
        return _load(source, origin, vocabulary_names=vocabulary_names)
    except DefinitionError as error:
        raise PublishError(list(error.problems)) from None


# Pays: parsing and checking a built-in form takes 25-30 ms (pure-Python YAML), a lookup
# microseconds, on every form page. Keyed on the checksum of an immutable row: never stale.
@lru_cache(maxsize=256)
def _parsed(digest: str, source: str) -> FormDefinition:
    """Parse a stored (already validated) definition once per process."""
    return _load(source, f"<{digest[:8]}>")


def definition_of(version: FormVersion) -> FormDefinition:
    """The parsed definition of a stored version."""
    return _parsed(version.checksum, version.source)


# Pays when one process syncs more than once (`enindgang db upgrade` syncs at app start-up
# and again after migrating; tests build several apps): reading and checking the three
# built-in files takes about 80 ms. They ship with the code, so a process never sees them
# change.
@lru_cache(maxsize=8)
def _builtin_sources(folder: Path | None = None) -> dict[str, str]:
    """The built-in definitions' source by form name, read once per process."""
    folder = folder or builtin_forms_dir()
    sources = {}
    for path in sorted(folder.glob("*.yaml")):
        source = path.read_text(encoding="utf-8")
        sources[_load(source, str(path)).name] = source
    return sources


def sync_builtin_forms(folder: Path | None = None) -> int:
    """Store new or changed built-in forms as versions and make them current unless a
    municipal (local) version is current. Runs in its own committed transaction, so a
    request that later rolls back cannot undo it; safe to run from many processes.
    Returns how many versions were added."""
    added = 0
    sources = _builtin_sources(folder)
    rows = db.session.execute(
        select(FormVersion.name, FormVersion.checksum).where(FormVersion.origin == BUILTIN)
    )
    stored = {(row.name, row.checksum) for row in rows}
    for name, source in sources.items():
        digest = checksum(source)
        if (name, digest) not in stored and _store_builtin(name, source, digest):
            added += 1
    return added


def _builtin_rows(session: Session, name: str, digest: str) -> int:
    """How many built-in versions of the form with this source the session sees."""
    return session.scalar(
        select(func.count())
        .select_from(FormVersion)
        .where(
            FormVersion.name == name,
            FormVersion.checksum == digest,
            FormVersion.origin == BUILTIN,
        )
    )


def _store_builtin(name: str, source: str, digest: str) -> bool:
    """Store one built-in source as a new version in a transaction of its own; False when
    another process stored it first.

    Several processes may run this at once (gunicorn workers starting together). One that
    numbered its version before the other committed collides on (name, version); one that
    numbered it after finds the other's row when it counts again after its insert. Either
    way it rolls back, so each source is stored once."""
    with Session(db.engine) as session:
        if _builtin_rows(session, name, digest):
            return False
        try:
            version = _add_version(session, name, source, BUILTIN, None, str(NOTE_BUILTIN))
            current = session.get(CurrentFormVersion, name)
            if current is None or current.definition.origin == BUILTIN:
                _set_current(session, name, version)
            if _builtin_rows(session, name, digest) > 1:  # another process committed it
                session.rollback()
                return False
            session.commit()
            return True
        except IntegrityError:  # another process is storing or stored it
            session.rollback()
            return False


def _add_version(
    session: Session, name: str, source: str, origin: str, user: User | None, note: str
) -> FormVersion:
    """Store a new immutable version numbered after the highest existing one."""
    digest = checksum(source)
    # The callers checked the source already; the cached parse is the one definition_of()
    # will ask for, so storing a version does not parse it once more.
    definition = _parsed(digest, source)
    highest = session.scalar(select(func.max(FormVersion.version)).where(FormVersion.name == name))
    version = FormVersion(
        name=name,
        version=(highest or 0) + 1,
        source=source,
        checksum=digest,
        scope=definition.scope,
        title=definition.title.da,
        origin=origin,
        note=note[:500],
        created_by_id=user.id if user else None,
    )
    session.add(version)
    session.flush()
    return version


def _move_current(name: str, seen: FormVersion, version: FormVersion) -> bool:
    """Point the form at ``version`` only if it still points at ``seen``."""
    result = db.session.execute(
        update(CurrentFormVersion)
        .where(CurrentFormVersion.name == name, CurrentFormVersion.definition_id == seen.id)
        .values(definition_id=version.id, changed_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1


def _set_current(session: Session, name: str, version: FormVersion) -> None:
    """Point new submissions of the form at this version."""
    current = session.get(CurrentFormVersion, name)
    if current is None:
        session.add(CurrentFormVersion(name=name, definition_id=version.id))
    else:
        current.definition_id = version.id
    session.flush()


def store_builtin_forms() -> int | None:
    """Store new built-in form versions when the database is migrated to the newest schema.

    Called by `enindgang db upgrade`, at start-up and by `enindgang demo` - never per request.
    Returns how many versions were added, or None when the schema is not current (the tables
    may be missing before `db upgrade`)."""
    if not schema_is_current(db.engine):
        return None
    return sync_builtin_forms()


def current_version(name: str) -> FormVersion | None:
    """The version new submissions of this form use, or None for an unknown form."""
    current = db.session.get(CurrentFormVersion, name)
    return current.definition if current else None


def get_version(name: str, version: int) -> FormVersion | None:
    """A specific stored version of a form."""
    return db.session.scalar(
        select(FormVersion).where(FormVersion.name == name, FormVersion.version == version)
    )


def versions_of(name: str) -> list[FormVersion]:
    """All versions of a form, newest first."""
    return list(
        db.session.scalars(
            select(FormVersion).where(FormVersion.name == name).order_by(FormVersion.version.desc())
        )
    )


@dataclass(frozen=True)
class FormSummary:
    """A form as the designer lists it."""

    name: str
    current: FormVersion
    versions: int


def list_forms(scope: str | None = None) -> list[FormSummary]:
    """Every form with its current version (optionally only one scope), by title."""
    counts = dict(
        db.session.execute(select(FormVersion.name, func.count()).group_by(FormVersion.name)).all()
    )
    rows = db.session.scalars(select(CurrentFormVersion)).all()
    forms = [FormSummary(r.name, r.definition, counts.get(r.name, 0)) for r in rows]
    if scope:
        forms = [f for f in forms if f.current.scope == scope]
    return sorted(forms, key=lambda f: f.current.title.lower())


def publish(
    user: User,
    source: str,
    note: str = "",
    *,
    expected_name: str | None = None,
    vocabulary_names: Collection[str] | None = None,
    based_on: int | None = None,
) -> FormVersion:
    """Publish YAML as the new current version of its form (a new form if the name is new).

    ``based_on`` is the version number the editor started from. The current-version pointer
    moves only if it still points where it did (a conditional UPDATE; a new form inserts it
    against its primary key), so of two leaders publishing at once one gets PublishConflict
    instead of silently burying the other's version under a newer number."""
    definition = parse_source(source, "<formular>", vocabulary_names)
    problems = []
    if expected_name and definition.name != expected_name:
        problems.append(
            Problem(
                "<formular>",
                None,
                "name",
                _(
                    "navnet skal forblive '%(name)s' (et nyt navn giver en ny formular)",
                    name=expected_name,
                ),
            )
        )
    existing = current_version(definition.name)
    if existing is not None and existing.scope != definition.scope:
        problems.append(
            Problem(
                "<formular>",
                None,
                "scope",
                _(
                    "scope kan ikke ændres fra '%(scope)s': gemte besvarelser afhænger af det",
                    scope=existing.scope,
                ),
            )
        )
    if problems:
        raise PublishError(problems)
    if existing is not None and based_on is not None and existing.version != based_on:
        raise PublishConflict(definition.name)
    if existing is not None and existing.checksum == checksum(source):
        return existing  # nothing changed: no empty version
    try:
        # Two publishes at once number the same version (or create the same new form): the
        # unique (name, version) and the current-version row let exactly one of them in.
        with db.session.begin_nested():
            version = _add_version(db.session, definition.name, source, LOCAL, user, note)
            if existing is None:
                _set_current(db.session, definition.name, version)
            elif not _move_current(definition.name, existing, version):
                raise PublishConflict(definition.name)
    except IntegrityError:
        raise PublishConflict(definition.name) from None
    audit.record(
        "form_published", version, actor=user, form=definition.name, version=version.version
    )
    return version


def make_current(user: User, name: str, version_number: int) -> FormVersion:
    """Make an older (or newer) stored version the current one again."""
    version = get_version(name, version_number)
    if version is None:
        raise LookupError(f"{name} v{version_number}")
    _set_current(db.session, name, version)
    audit.record("form_reverted", version, actor=user, form=name, version=version_number)
    return version


def diff_versions(older: FormVersion, newer: FormVersion) -> list[str]:
    """A unified diff of two versions' YAML."""
    return list(
        difflib.unified_diff(
            older.source.splitlines(),
            newer.source.splitlines(),
            fromfile=f"{older.name} version {older.version}",
            tofile=f"{newer.name} version {newer.version}",
            lineterm="",
        )
    )


def submissions_using(version: FormVersion) -> int:
    """How many submissions were saved with this version."""
    return db.session.scalar(
        select(func.count()).select_from(Submission).where(Submission.definition_id == version.id)
    )
