"""Scrapy extensions of the project: log redaction and the run summary."""
