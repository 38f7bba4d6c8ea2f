"""one submission per case and form: merge duplicates from first-save races, unique index

Before this revision two people saving a case's form for the first time at the same moment
could both create a submission, and the case then showed only one of them. Each duplicate
is merged into the case's newest submission of that form: its revisions are appended to that
submission's history (numbered after it, with a note) and the kept text is stored once more
as the newest revision, so every text anyone saved stays readable and restorable, and
nothing is deleted but the emptied duplicate row.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-29 22:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

MERGED_NOTE = "Gemt samtidig med en anden første gemning; flettet ind i historikken ved opgradering"

submissions = sa.table(
    "submissions",
    sa.column("id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("form_name", sa.String),
    sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime),
)
revisions = sa.table(
    "submission_revisions",
    sa.column("id", sa.Integer),
    sa.column("submission_id", sa.Integer),
    sa.column("version", sa.Integer),
    sa.column("note", sa.Text),
)


def _merge_duplicates(connection) -> None:
    """Fold every later duplicate (case, form) submission into the newest one."""
    doubled = connection.execute(
        sa.select(submissions.c.case_id, submissions.c.form_name)
        .where(submissions.c.case_id.is_not(None))
        .group_by(submissions.c.case_id, submissions.c.form_name)
        .having(sa.func.count() > 1)
    ).all()
    for case_id, form_name in doubled:
        rows = connection.execute(
            sa.select(submissions.c.id, submissions.c.version)
            .where(submissions.c.case_id == case_id, submissions.c.form_name == form_name)
            .order_by(submissions.c.updated_at.desc(), submissions.c.id.desc())
        ).all()
        keeper_id, keeper_version = rows[0]
        top = connection.scalar(
            sa.select(sa.func.coalesce(sa.func.max(revisions.c.version), 0)).where(
                revisions.c.submission_id == keeper_id
            )
        )
        next_number = max(top, keeper_version) + 1
        for duplicate_id, _version in rows[1:]:
            moved = connection.execute(
                sa.select(revisions.c.id, revisions.c.note)
                .where(revisions.c.submission_id == duplicate_id)
                .order_by(revisions.c.version)
            ).all()
            for revision_id, note in moved:
                connection.execute(
                    revisions.update()
                    .where(revisions.c.id == revision_id)
                    .values(
                        submission_id=keeper_id,
                        version=next_number,
                        note=(f"{note} – {MERGED_NOTE}" if note else MERGED_NOTE)[:200],
                    )
                )
                next_number += 1
            connection.execute(submissions.delete().where(submissions.c.id == duplicate_id))
        # The kept submission's current text becomes the newest revision again, so the
        # history's last entry is what the case shows, and the next save follows on.
        _copy_revision(connection, keeper_id, keeper_version, next_number)
        connection.execute(
            submissions.update().where(submissions.c.id == keeper_id).values(version=next_number)
        )


def _copy_revision(connection, submission_id: int, version: int, new_version: int) -> None:
    """Store revision ``version`` of a submission again as ``new_version``."""
    table = sa.Table("submission_revisions", sa.MetaData(), autoload_with=connection)
    row = (
        connection.execute(
            sa.select(table).where(
                table.c.submission_id == submission_id, table.c.version == version
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return
    copy = {key: value for key, value in row.items() if key != "id"}
    copy.update(version=new_version, note=MERGED_NOTE)
    connection.execute(table.insert().values(**copy))


def upgrade():
    _merge_duplicates(op.get_bind())
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index("ix_submissions_case_form")
        batch_op.create_index("ix_submissions_case_form", ["case_id", "form_name"], unique=True)


def downgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index("ix_submissions_case_form")
        batch_op.create_index("ix_submissions_case_form", ["case_id", "form_name"], unique=False)
