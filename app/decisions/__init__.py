"""Decision authority: who may grant an intervention, after the active decision plan."""
