"""pyproject: no placeholder URLs; classifiers that say what the package is."""

import tomllib
from pathlib import Path

PROJECT = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]


def test_no_placeholder_urls():
    for name, url in PROJECT.get("urls", {}).items():
        assert url.startswith("https://") and "example" not in url and "invalid" not in url, name


def test_classifiers_name_status_python_os_and_typing():
    classifiers = set(PROJECT["classifiers"])
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    assert "Operating System :: OS Independent" in classifiers
    assert "Typing :: Typed" in classifiers
    low = PROJECT["requires-python"].removeprefix(">=")
    assert f"Programming Language :: Python :: {low}" in classifiers
    assert PROJECT["license"] == "Apache-2.0"  # (PEP 639: the expression, not a classifier)
