"""dashboards: cases.referred_on and plan_first_final_on, the caseload threshold setting

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 21:40:00

"""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa
from flask import current_app


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# The form whose first final save dates the joint plan (app.goals.word_names.GOALS_FORM).
GOALS_FORM = 'smarte_maal'


def _local_day(value, zone: ZoneInfo) -> date:
    """The local day of a stored UTC time (SQLite hands it back naive, as a string or not)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone).date()


def _backfill(bind) -> None:
    """Referral date = the local day the case was opened; plan date = the local day of the
    earliest final revision of the case's SMARTE sheet (kept revisions hold every save)."""
    zone = ZoneInfo(current_app.config.get('BABEL_DEFAULT_TIMEZONE') or 'Europe/Copenhagen')
    cases = sa.table(
        'cases',
        sa.column('id', sa.Integer),
        sa.column('created_at', sa.DateTime),
        sa.column('referred_on', sa.Date),
        sa.column('plan_first_final_on', sa.Date),
    )
    for case_id, created_at in bind.execute(sa.select(cases.c.id, cases.c.created_at)).all():
        day = _local_day(created_at, zone) if created_at is not None else date.today()
        bind.execute(cases.update().where(cases.c.id == case_id).values(referred_on=day))
    submissions = sa.table(
        'submissions',
        sa.column('id', sa.Integer),
        sa.column('case_id', sa.Integer),
        sa.column('form_name', sa.String),
    )
    revisions = sa.table(
        'submission_revisions',
        sa.column('submission_id', sa.Integer),
        sa.column('status', sa.String),
        sa.column('saved_at', sa.DateTime),
    )
    first_final = (
        sa.select(submissions.c.case_id, sa.func.min(revisions.c.saved_at))
        .join(revisions, revisions.c.submission_id == submissions.c.id)
        .where(
            submissions.c.form_name == GOALS_FORM,
            submissions.c.case_id.is_not(None),
            revisions.c.status == 'final',
        )
        .group_by(submissions.c.case_id)
    )
    for case_id, saved_at in bind.execute(first_final).all():
        if saved_at is not None:
            bind.execute(
                cases.update()
                .where(cases.c.id == case_id)
                .values(plan_first_final_on=_local_day(saved_at, zone))
            )


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('referred_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('plan_first_final_on', sa.Date(), nullable=True))

    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('caseload_threshold', sa.Integer(), nullable=True))

    _backfill(op.get_bind())

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('referred_on', existing_type=sa.Date(), nullable=False)


def downgrade():
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.drop_column('caseload_threshold')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('plan_first_final_on')
        batch_op.drop_column('referred_on')
