"""The seen-store and revisions, without Scrapy: which articles were written, at which hash."""
