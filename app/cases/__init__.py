"""Cases: "Mine sager", creating a case and the case page."""
