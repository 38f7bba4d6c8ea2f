"""OpenID Connect sign-in: users.oidc_subject, optional local passwords, the ID token of a
login session (for the provider's sign-out)

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-29 23:55:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        # "<issuer> <sub>": who the identity provider says this is (e-mails can be reused).
        batch_op.add_column(sa.Column("oidc_subject", sa.String(length=512), nullable=True))
        batch_op.create_unique_constraint("uq_users_oidc_subject", ["oidc_subject"])
        # NULL: a user who signs in only through the identity provider.
        batch_op.alter_column("password_hash", existing_type=sa.String(length=255), nullable=True)
    with op.batch_alter_table("login_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("id_token", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("login_sessions", schema=None) as batch_op:
        batch_op.drop_column("id_token")
    users = sa.table("users", sa.column("password_hash", sa.String(255)))
    # An account without a password gets one that matches nothing (back to NOT NULL).
    no_match = "!"  # noqa: S105 (not a hash: check_password_hash refuses it)
    op.get_bind().execute(users.update().where(users.c.password_hash.is_(None)).values(password_hash=no_match))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("password_hash", existing_type=sa.String(length=255), nullable=False)
        batch_op.drop_constraint("uq_users_oidc_subject", type_="unique")
        batch_op.drop_column("oidc_subject")
