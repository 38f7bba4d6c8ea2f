"""The family's consents to share information with departments and partners, and the
consent gate that app/authz.py asks for members from other departments."""
