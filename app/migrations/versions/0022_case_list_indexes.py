"""case list and dashboard at 100,000 cases: indexes for the default sort and the dashboard

Revision ID: 0022
Revises: 0020
Create Date: 2026-11-30 00:35:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0020"
branch_labels = None
depends_on = None

# (name, columns): the list's default order (newest change first) walks the first; the
# dashboard's counts per coordinator and per team read only the second (covering); its
# referral-to-plan query finds its cases through the last two.
INDEXES = (
    ("ix_cases_updated_at_id", ["updated_at", "id"]),
    ("ix_cases_status_coordinator_follow_up", ["status", "coordinator_id", "next_follow_up"]),
    ("ix_cases_plan_first_final_on", ["plan_first_final_on"]),
    ("ix_cases_status_plan_first_final_on", ["status", "plan_first_final_on"]),
)


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for name, columns in INDEXES:
            batch_op.create_index(name, columns, unique=False)


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for name, _columns in reversed(INDEXES):
            batch_op.drop_index(name)
