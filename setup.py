"""Egg build for Scrapyd: ``scrapyd-deploy`` runs ``python setup.py bdist_egg`` here.

All metadata (packages ``cleaners*`` and ``crawler*``, package data, the ``scrapy`` entry point
naming ``crawler.settings``) lives in ``pyproject.toml``; this file only exists so that
``scrapyd-deploy`` does not write its own ``setup.py`` into the repository.
"""

from setuptools import setup

setup()
