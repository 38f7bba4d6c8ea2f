"""family links: contact agreements, personal links, plan acceptances

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29 21:32:17

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contact_agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('channels', sa.JSON(), nullable=False),
    sa.Column('frequency', sa.String(length=200), nullable=False),
    sa.Column('coordinated_by', sa.String(length=20), nullable=False),
    sa.Column('best_times', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_contact_agreements_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_contact_agreements_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_agreements'))
    )
    with op.batch_alter_table('contact_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_agreements_case_id'), ['case_id'], unique=True)

    op.create_table('family_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('family_member_id', sa.Integer(), nullable=True),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code_required', sa.Boolean(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=True),
    sa.Column('code_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code_attempts', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_family_links_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_family_links_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['family_member_id'], ['family_members.id'], name=op.f('fk_family_links_family_member_id_family_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['case_partners.id'], name=op.f('fk_family_links_partner_id_case_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_family_links_token_hash'))
    )
    with op.batch_alter_table('family_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_links_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_links_family_member_id'), ['family_member_id'], unique=False)

    op.create_table('plan_acceptances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('family_member_id', sa.Integer(), nullable=True),
    sa.Column('link_id', sa.Integer(), nullable=True),
    sa.Column('given_by', sa.String(length=200), nullable=False),
    sa.Column('plan_version', sa.Integer(), nullable=True),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_plan_acceptances_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['family_member_id'], ['family_members.id'], name=op.f('fk_plan_acceptances_family_member_id_family_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['link_id'], ['family_links.id'], name=op.f('fk_plan_acceptances_link_id_family_links'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_acceptances'))
    )
    with op.batch_alter_table('plan_acceptances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_acceptances_case_id'), ['case_id'], unique=False)



def downgrade():
    with op.batch_alter_table('plan_acceptances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_acceptances_case_id'))

    op.drop_table('plan_acceptances')
    with op.batch_alter_table('family_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_links_family_member_id'))
        batch_op.drop_index(batch_op.f('ix_family_links_case_id'))

    op.drop_table('family_links')
    with op.batch_alter_table('contact_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_agreements_case_id'))

    op.drop_table('contact_agreements')
