"""core team across departments and consent: team roles from the vocabulary with a note,
external partners without a login, consents, the consent gate setting

Existing free-text team roles become a ``roles`` vocabulary key where the text is a key or a
label of the list (the municipality's own list when it has one, else the built-in list);
other text is kept as the membership's note, so nothing typed is lost.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29 21:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

# The built-in roles list as it was when this migration was written (keys and labels), so
# the migration does not change when app code does.
BUILT_IN_ROLES = {
    'familiekoordinator': 'Familiekoordinator',
    'raadgiver': 'Rådgiver / sagsbehandler',
    'familievejleder': 'Familievejleder',
    'ppr_psykolog': 'PPR-psykolog',
    'sundhedsplejerske': 'Sundhedsplejerske',
    'laerer': 'Skole / lærer',
    'paedagog': 'Dagtilbud / pædagog',
    'jobkonsulent': 'Jobkonsulent',
    'uu_vejleder': 'Uddannelsesvejleder (UU)',
    'voksenraadgiver': 'Rådgiver, voksenområdet',
    'ydelsesraadgiver': 'Sagsbehandler, økonomiske ydelser',
    'terapeut': 'Fysio- eller ergoterapeut',
    'teamleder': 'Teamleder',
    'andet': 'Anden fagperson',
}


def _role_lookup(conn) -> dict[str, str]:
    """Lower-cased key or label → key, from the municipality's roles list or the built-in."""
    roles = dict(BUILT_IN_ROLES)
    overrides = sa.table('vocabularies', sa.column('name'), sa.column('items', sa.JSON))
    stored = conn.execute(sa.select(overrides.c['items']).where(overrides.c.name == 'roles')).first()
    if stored and isinstance(stored[0], list):
        roles = {str(i['value']): str(i.get('label') or i['value']) for i in stored[0]}
    lookup = {}
    for key, label in roles.items():
        lookup[label.strip().lower()] = key
        lookup[key.lower()] = key
    return lookup


def _migrate_team_roles(conn) -> None:
    """Free text → (key, note): a known key or label becomes the key, other text the note."""
    members = sa.table(
        'case_members', sa.column('id'), sa.column('team_role'), sa.column('team_note')
    )
    lookup = _role_lookup(conn)
    for member_id, text in conn.execute(sa.select(members.c.id, members.c.team_role)).all():
        text = (text or '').strip()
        if not text:
            continue
        key = lookup.get(text.lower())
        values = {'team_role': key, 'team_note': ''} if key else {'team_role': '', 'team_note': text}
        conn.execute(members.update().where(members.c.id == member_id).values(**values))


def upgrade():
    with op.batch_alter_table('case_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_note', sa.String(length=100), nullable=False, server_default=''))
    with op.batch_alter_table('case_members', schema=None) as batch_op:
        batch_op.alter_column('team_note', server_default=None)
    _migrate_team_roles(op.get_bind())

    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_gate', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('consent_legal_basis', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.alter_column('consent_gate', server_default=None)
        batch_op.alter_column('consent_legal_basis', server_default=None)

    op.create_table('case_partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_partners_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_partners'))
    )
    with op.batch_alter_table('case_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_partners_case_id'), ['case_id'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('given_by_id', sa.Integer(), nullable=True),
    sa.Column('information', sa.Text(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('departments', sa.JSON(), nullable=False),
    sa.Column('partner_ids', sa.JSON(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
    sa.Column('withdrawal_note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_consents_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['given_by_id'], ['family_members.id'], name=op.f('fk_consents_given_by_id_family_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_consents_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['withdrawn_by_id'], ['users.id'], name=op.f('fk_consents_withdrawn_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consents_expires_on'), ['expires_on'], unique=False)


def downgrade():
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consents_expires_on'))
        batch_op.drop_index(batch_op.f('ix_consents_case_id'))
    op.drop_table('consents')
    with op.batch_alter_table('case_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_partners_case_id'))
    op.drop_table('case_partners')
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.drop_column('consent_legal_basis')
        batch_op.drop_column('consent_gate')
    # Back to free text: the note where there is one, else the key.
    members = sa.table('case_members', sa.column('team_role'), sa.column('team_note'))
    op.get_bind().execute(
        members.update().where(members.c.team_note != '').values(team_role=members.c.team_note)
    )
    with op.batch_alter_table('case_members', schema=None) as batch_op:
        batch_op.drop_column('team_note')
