"""API tokens expire: api_tokens.expires_at (existing tokens get a year from now)

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-29 22:40:00

"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
    tokens = sa.table(
        "api_tokens",
        sa.column("expires_at", sa.DateTime(timezone=True)),
        sa.column("revoked_at", sa.DateTime(timezone=True)),
    )
    # Tokens that never expired get the product's default lifetime from the upgrade on, so
    # integrations keep working for a year and then need a new token like everyone else.
    op.get_bind().execute(
        tokens.update()
        .where(tokens.c.revoked_at.is_(None))
        .values(expires_at=datetime.now(UTC) + timedelta(days=365))
    )


def downgrade():
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
