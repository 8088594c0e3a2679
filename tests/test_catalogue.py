"""The catalogue as data: catalogue.json names every built-in file with its digest, and files
that do not match are refused with a message naming them."""
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from claimcheck.config import DEFAULT_EMBEDDER, DEFAULT_NLI, load_settings
from claimcheck.models import catalogue


def test_every_builtin_file_is_present_and_matches_its_digest():
    for entry in catalogue.builtin_models().values():
        assert entry.licence and entry.source
        for file in entry.files:
            assert catalogue.verified(entry, file).is_file()


def test_defaults_are_builtin_and_the_nli_model_ships_in_the_models_folder():
    assert catalogue.builtin(DEFAULT_EMBEDDER).role == "embedder"
    nli = catalogue.builtin(DEFAULT_NLI)
    assert nli.role == "nli"
    assert (catalogue.builtin_models_dir() / nli.folder / "config.json").is_file()
    assert catalogue.model_digest(DEFAULT_NLI, load_settings()) == nli.digest


def test_a_builtin_file_that_changed_is_refused_by_name(tmp_path, monkeypatch):
    entry = catalogue.builtin(DEFAULT_NLI)
    folder = tmp_path / entry.folder
    shutil.copytree(catalogue.builtin_models_dir() / entry.folder, folder)
    (folder / "config.json").write_text((folder / "config.json").read_text() + " ")
    monkeypatch.setattr(catalogue, "builtin_models_dir", lambda: tmp_path)
    with pytest.raises(catalogue.ModelError, match="config.json does not match its sha256"):
        catalogue.model_digest(DEFAULT_NLI, load_settings())


def test_an_unknown_builtin_name_lists_the_known_ones():
    with pytest.raises(catalogue.ModelError, match="claimcheck:nli-e5-small"):
        catalogue._builtin_nli_dir("claimcheck:nli-huge")


def test_a_local_model_directory_is_digested_by_content(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    settings = replace(load_settings(), nli_model=str(tmp_path))
    first = catalogue.model_digest(str(tmp_path), settings)
    (tmp_path / "config.json").write_text('{"changed": 1}')
    assert catalogue.model_digest(str(tmp_path), settings) != first
    assert catalogue.model_digest("some-org/some-model", settings) is None  # a hub id: revision unknown


@pytest.mark.slow
def test_the_wheel_carries_the_builtin_models_and_the_catalogue(tmp_path):
    """A non-editable install gets models/ as claimcheck/models/builtin/ (built from a copy, so
    the checkout gets no build/ folder)."""
    root = Path(__file__).resolve().parent.parent
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(root / name, src / name)
    for name in ("claimcheck", "models"):
        shutil.copytree(root / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist"), str(src)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("claimcheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    nli = catalogue.builtin(DEFAULT_NLI)
    assert "claimcheck/models/catalogue.json" in names
    assert {f"claimcheck/models/builtin/{nli.folder}/{file}" for file in nli.files} <= names
