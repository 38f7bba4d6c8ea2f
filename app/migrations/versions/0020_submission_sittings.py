"""Autosave: submission_revisions.sitting marks the editing sitting a revision belongs to

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 00:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    # Autosaves of one editing sitting (one page load of a form) update that sitting's one
    # revision instead of adding a revision every 30 seconds; older revisions have none.
    with op.batch_alter_table("submission_revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sitting", sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table("submission_revisions", schema=None) as batch_op:
        batch_op.drop_column("sitting")
