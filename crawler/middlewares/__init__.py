"""Downloader middlewares: scheme guard and robots.txt Crawl-delay."""
