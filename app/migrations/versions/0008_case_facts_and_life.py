"""case facts and life: neutral title, case-flow document, paragraphs, birth month, events

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 19:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('neutral_title', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('flow_document_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('birth_month', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('birth_year', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_cases_flow_document_id_submissions'), 'submissions',
            ['flow_document_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index('ix_cases_status_updated_at', ['status', 'updated_at'], unique=False)

    op.create_table('case_paragraphs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_paragraphs_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_paragraphs')),
    sa.UniqueConstraint('case_id', 'key', name=op.f('uq_case_paragraphs_case_id'))
    )
    with op.batch_alter_table('case_paragraphs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_paragraphs_key'), ['key'], unique=False)

    op.create_table('case_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=True),
    sa.Column('from_user_id', sa.Integer(), nullable=True),
    sa.Column('to_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_case_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_events_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['from_user_id'], ['users.id'], name=op.f('fk_case_events_from_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['to_user_id'], ['users.id'], name=op.f('fk_case_events_to_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events'))
    )
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_events_case_id'), ['case_id'], unique=False)


def downgrade():
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_events_case_id'))
    op.drop_table('case_events')
    with op.batch_alter_table('case_paragraphs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_paragraphs_key'))
    op.drop_table('case_paragraphs')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_status_updated_at')
        batch_op.drop_constraint(batch_op.f('fk_cases_flow_document_id_submissions'), type_='foreignkey')
        batch_op.drop_column('birth_year')
        batch_op.drop_column('birth_month')
        batch_op.drop_column('flow_document_id')
        batch_op.drop_column('neutral_title')
