"""The core team across departments: team roles from the vocabulary, external partners
without a login, and the case page's "Hvem kan se hvad"."""
