from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def settings():
    """The default settings: real offline models, cached where a user's would be."""
    from claimcheck.config import load_settings

    return load_settings()


@pytest.fixture(scope="session")
def nli_model(settings):
    from claimcheck.models import catalogue

    return catalogue.nli(settings)


@pytest.fixture(scope="session")
def embedder(settings):
    from claimcheck.models import catalogue

    return catalogue.embedder(settings)


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is only beside CI and developer checkouts)")
    return path
