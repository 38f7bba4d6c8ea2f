"""The family's year wheel (årshjul), its calendar file and each user's calendar feed."""
