"""Fixtures of the publishing tests: no network, a private data folder for signing keys."""

import pytest

from gongkai.publishing.checks import links


@pytest.fixture(autouse=True)
def no_link_requests(monkeypatch):
    """Make any attempt to open a link fail the test: checks must use the resolver the test passes."""

    def refuse(url):
        raise AssertionError(f"a test tried to open {url}")

    monkeypatch.setattr(links, "http_resolver", refuse)


@pytest.fixture(autouse=True)
def private_home(settings, tmp_path):
    settings.HOME = tmp_path / "home"
    settings.HOME.mkdir()
