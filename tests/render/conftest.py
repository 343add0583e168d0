"""Fixtures for the render tests: a small catalogue, URLs under a sub-path, a config."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.authority import Authority
from site_builder.catalogue import Catalogue, build_catalogue
from site_builder.config import Config, load_config
from site_builder.model import Article
from site_builder.urls import Urls

ArticleFactory = Callable[..., Article]


@pytest.fixture
def urls() -> Urls:
    return Urls("https://example.org/archive/")


@pytest.fixture
def config(bare_site: Path) -> Config:
    return load_config(bare_site).with_overrides(base_url="https://example.org/archive/")


@pytest.fixture
def catalogue(make_article: ArticleFactory, authority: Authority) -> Catalogue:
    """Four articles: day, month and year precision, and one undated; two share an organisation."""
    articles = [
        make_article(),
        make_article(title="SCO summit", slug="sco-summit", date="2017-06", date_basis="inferred",
                     countries=("Kazakhstan", "Kyrgyzstan"), path="content/articles/2017/sco-summit.md"),
        make_article(title="A year", slug="a-year", date="2019", countries=("Kazakhstan",), organisations=(),
                     people=(), source=None, path="content/articles/2019/a-year.md"),
        make_article(title="Undated", slug="undated", date=None, date_basis="inferred", countries=("Russia",),
                     organisations=(), people=(), source=None, summary=None, path="content/articles/undated/u.md"),
    ]
    return build_catalogue(articles, authority)
