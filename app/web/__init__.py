"""The request layer shared by every feature: errors, security headers, language, base form."""
