"""The family on a case: the child, parents and siblings, with how to reach them."""
