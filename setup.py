"""Package list for setuptools; everything else about the project is in pyproject.toml.

The trained model artefacts stay in the top-level models/ folder (the repository layout) and
install as the package claimcheck.models.builtin, so a non-editable install has them too.
"""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["claimcheck*"]) + ["claimcheck.models.builtin"],
      package_dir={"claimcheck.models.builtin": "models"})
