"""Form definitions in the database: built-in forms, municipal versions, the form designer."""
