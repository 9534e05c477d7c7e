"""Packaging and site builders: a built wheel renders the demo site outside the checkout; mkdocs and properdocs
build the same site from the same mkdocs.yml."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGED = [
    "generator/default_mkdocs.yml",
    "generator/docs/about.md",
    "generator/docs/methodology.md",
    "generator/docs/how-to-cite.md",
    "generator/templates/home.html.j2",
    "generator/templates/assets/parallax.css",
    "generator/templates/assets/parallax.js",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel pip builds from a copy of the checkout (build dependencies come from pip's cache): setuptools
    leaves a build/ folder in the tree it builds, whose stale files would end up in the next wheel."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "parallax"
    skip = shutil.ignore_patterns(".git", ".venv", ".cache", "site", "build", "*.egg-info", "*_cache", "__pycache__")
    shutil.copytree(ROOT, source, symlinks=True, ignore=skip)
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(source)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    (built,) = out.glob("parallax_news-*.whl")
    return built


def test_the_wheel_carries_templates_assets_pages_and_entry_points(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert set(PACKAGED) <= names
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        text = zf.read(entry_points).decode()
    assert "parallax = generator.cli:main" in text
    assert "parallax = generator.plugin:ParallaxPlugin" in text


def test_the_installed_wheel_builds_the_demo_site_outside_the_checkout(wheel, tmp_path):
    """A fresh venv gets the wheel alone (--no-deps); its third-party packages are borrowed from the project's
    venv through a .pth line. Such a line adds a folder without running the .pth files in it, so the project's
    editable install stays off: `generator` is the wheel's copy, and templates, pages and settings must be in it."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site_packages, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)]
    subprocess.run(pip, check=True, capture_output=True, timeout=600)

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "SOURCE_DATE_EPOCH")}
    where = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where

    build = [str(venv / "bin" / "parallax"), "build", "--seeds", str(ROOT / "seeds"), "--site-dir", "site"]
    result = subprocess.run(build, cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    site = work / "site"
    for page in ("index.html", "methodology/index.html", "how-to-cite/index.html", "assets/parallax.css"):
        assert (site / page).is_file(), page
    assert json.loads((site / "data" / "comparison.json").read_text())["stories"]
    assert (work / ".cache" / "parallax").is_dir(), "the default cache folder is relative to the working directory"


def test_every_imported_package_is_declared():
    """Each third-party module imported in generator/ belongs to a distribution named in pyproject's dependencies."""
    import ast
    import tomllib

    declared = {_canonical(d) for d in _requirement_names(tomllib.loads((ROOT / "pyproject.toml").read_text()))}
    dists = importlib.metadata.packages_distributions()
    missing = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in ("generator", "__future__"):
                    continue
                if not {_canonical(d) for d in dists.get(top, [top])} & declared:
                    missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


def _requirement_names(pyproject: dict) -> list[str]:
    import re

    return [re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0] for r in pyproject["project"]["dependencies"]]


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


@pytest.mark.parametrize("builder", ["mkdocs", "properdocs"])
def test_mkdocs_and_properdocs_build_the_same_site_from_mkdocs_yml(builder, tmp_path):
    out = tmp_path / "site"
    cmd = [str(Path(sys.executable).parent / builder), "build", "--site-dir", str(out)]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    comparison = json.loads((out / "data" / "comparison.json").read_text())
    assert sum(len(s["facts"]) for s in comparison["stories"]) > 100
    assert 'class="md-header' in (out / "index.html").read_text(encoding="utf-8"), "Material's header is missing"
    for page in ("methodology/index.html", "assets/parallax.css", "sitemap.xml"):
        assert (out / page).is_file(), page
    reference = ROOT / "anchors.lock.json"
    assert set(json.loads(reference.read_text())["anchors"]) <= set(
        json.loads((out / "data" / "anchors.json").read_text())["anchors"]
    )
