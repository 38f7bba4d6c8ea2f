"""case phases: the case's phase in its case-flow template, pinned to a revision

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 19:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_phases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('flow_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('phase_key', sa.String(length=40), nullable=False),
    sa.Column('phase_name', sa.String(length=200), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('since', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_phases_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['flow_id'], ['submissions.id'], name=op.f('fk_case_phases_flow_id_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_phases')),
    sa.UniqueConstraint('case_id', name=op.f('uq_case_phases_case_id'))
    )
    with op.batch_alter_table('case_phases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_phases_phase_name'), ['phase_name'], unique=False)
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phase_from', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('phase_to', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_column('phase_to')
        batch_op.drop_column('phase_from')
    with op.batch_alter_table('case_phases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_phases_phase_name'))
    op.drop_table('case_phases')
