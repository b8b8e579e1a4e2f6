"""Downloader middlewares (scheme guard, shared robots.txt download, robots.txt Crawl-delay,
Basic auth from start-URL credentials, Retry-After) and the spider middleware that skips
articles the seen-store knows."""
