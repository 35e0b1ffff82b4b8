"""Fixtures of the reliability suite: private copies of the built data dir and of the mirror
(so a test can break them), and a scripted model server on 127.0.0.1."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from support.reliability import ScriptedModel, clean_env

from assistant.settings import PROJECT_ROOT, Settings


@pytest.fixture
def workspace(indexed_settings: Settings, tmp_path) -> Settings:
    """A copy of the built data dir (sources, corpus, index) that a test may damage."""
    data = tmp_path / "data"
    shutil.copytree(indexed_settings.data_dir, data)
    return indexed_settings.model_copy(update={"data_dir": data})


@pytest.fixture
def mirror(settings: Settings, tmp_path):
    """A copy of the real mirror of source files."""
    if settings.mirror_dir is None:
        pytest.skip("no corpus mirror (set TREATY_MIRROR_DIR)")
    copy = tmp_path / "mirror"
    shutil.copytree(settings.mirror_dir, copy)
    return copy


@pytest.fixture
def manifest_file(tmp_path):
    """A copy of the committed manifest, to put a typo in."""
    copy = tmp_path / "manifest.toml"
    shutil.copy(PROJECT_ROOT / "corpus" / "manifest.toml", copy)
    return copy


@pytest.fixture
def env_for(mirror, manifest_file):
    """The environment of a command run against a workspace, the mirror copy and the
    manifest copy (and nothing from the developer's own TREATY_ settings)."""

    def env(settings: Settings, **extra: str) -> dict[str, str]:
        return clean_env(
            TREATY_DATA_DIR=str(settings.data_dir),
            TREATY_MIRROR_DIR=str(mirror),
            TREATY_MANIFEST=str(manifest_file),
            **extra,
        )

    return env


@pytest.fixture
def model_server() -> Iterator[ScriptedModel]:
    server = ScriptedModel()
    yield server
    server.stop()
