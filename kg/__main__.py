"""``python -m kg``: the same command line as the ``kg`` script (useful where that script is not on PATH)."""
from kg.cli import app

app(prog_name="kg")
