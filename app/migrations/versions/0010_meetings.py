"""meetings: a case's meetings, their participants and agreements

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 19:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('agenda_by_family', sa.Boolean(), nullable=False),
    sa.Column('held_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('minute_taker', sa.String(length=40), nullable=False),
    sa.Column('minute_taker_name', sa.String(length=200), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('next_meeting_id', sa.Integer(), nullable=True),
    sa.Column('reading_ids', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_meetings_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['next_meeting_id'], ['meetings.id'], name=op.f('fk_meetings_next_meeting_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_meetings_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_case_id'), ['case_id'], unique=False)

    op.create_table('meeting_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('group', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('family_member_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_participants_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_meeting_participants_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['family_member_id'], ['family_members.id'], name=op.f('fk_meeting_participants_family_member_id_family_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_participants'))
    )
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_participants_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('meeting_agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('what', sa.String(length=500), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('by_when', sa.Date(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_agreements_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_agreements'))
    )
    with op.batch_alter_table('meeting_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_agreements_meeting_id'), ['meeting_id'], unique=False)


def downgrade():
    with op.batch_alter_table('meeting_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_agreements_meeting_id'))
    op.drop_table('meeting_agreements')
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_participants_meeting_id'))
    op.drop_table('meeting_participants')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_case_id'))
    op.drop_table('meetings')
