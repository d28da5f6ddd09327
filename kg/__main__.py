"""``python -m kg``: the ``kg`` command, for an environment where the script is not on PATH."""
from kg.cli import main

main(prog_name="kg")
