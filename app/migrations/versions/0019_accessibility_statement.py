"""settings: the municipality's own accessibility statement (a link, e.g. to the WAS tool)

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 00:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("municipality_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("accessibility_statement_url", sa.String(length=500), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("municipality_settings", schema=None) as batch_op:
        batch_op.drop_column("accessibility_statement_url")
