"""funding: a split's review date and joint-funding criteria met; the municipality's criteria

Funding lines live in FundingVersion.lines as JSON; their new cost fields (cost_kind, amount,
quantity, quantity_unit, split_reason) default on reading (a line without cost_kind is yearly),
so the lines need no data migration.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('funding_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('criteria_met', sa.JSON(), nullable=True))
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('joint_funding_criteria', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.drop_column('joint_funding_criteria')
    with op.batch_alter_table('funding_versions', schema=None) as batch_op:
        batch_op.drop_column('criteria_met')
        batch_op.drop_column('review_date')
