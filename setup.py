"""Package layout that pyproject.toml cannot express: ontology/ and queries/ stay at the
top of the repository (their one home, edited there) and ship inside the wheel as the
package data kg/_ontology and kg/_queries, where kg.shipped finds them."""
from setuptools import find_packages, setup

SHIPPED = {"kg._ontology": "ontology", "kg._queries": "queries"}

setup(packages=[*find_packages(include=["kg", "kg.*"]), *SHIPPED], package_dir=SHIPPED)
