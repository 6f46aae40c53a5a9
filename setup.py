"""Maps the top-level folders flows/, designer/ and runner/ onto alur.flows,
alur.designer and alur.runner.

Packages are discovered by walking the folders, so a new subpackage can never
be silently left out of the wheel (setuptools' package-dir mapping needs every
subpackage listed). Metadata lives in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).parent
TOP_LEVEL = ("flows", "designer", "runner")
DATA_FILES = ["*.json", "*.yaml", "*.tcss", "*.txt", "*.tsv"]

packages: list[str] = []
package_dir: dict[str, str] = {}
for top in TOP_LEVEL:
    package_dir[f"alur.{top}"] = top
    for init in sorted((ROOT / top).rglob("__init__.py")):
        packages.append("alur." + ".".join(init.parent.relative_to(ROOT).parts))

setup(
    packages=packages,
    package_dir=package_dir,
    package_data={package: DATA_FILES for package in packages},
)
