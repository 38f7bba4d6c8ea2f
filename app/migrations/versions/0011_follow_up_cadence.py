"""follow-up cadence: cases.next_follow_up and its rule, cadence decisions, status interval

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 19:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_follow_up', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('next_follow_up_rule', sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_next_follow_up'), ['next_follow_up'], unique=False)

    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status_interval_weeks', sa.Integer(), nullable=True))

    op.create_table('cadence_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('interval_count', sa.Integer(), nullable=False),
    sa.Column('interval_unit', sa.String(length=10), nullable=False),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_cadence_decisions_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_cadence_decisions_decided_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cadence_decisions'))
    )
    with op.batch_alter_table('cadence_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cadence_decisions_case_id'), ['case_id'], unique=False)


def downgrade():
    with op.batch_alter_table('cadence_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cadence_decisions_case_id'))
    op.drop_table('cadence_decisions')

    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.drop_column('status_interval_weeks')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_next_follow_up'))
        batch_op.drop_column('next_follow_up_rule')
        batch_op.drop_column('next_follow_up')
