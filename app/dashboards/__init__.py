"""The leaders' dashboard (/oversigt): caseloads, follow-ups per team, referral to plan."""
