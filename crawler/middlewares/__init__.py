"""Downloader middlewares (scheme guard, robots.txt Crawl-delay, Retry-After) and the
spider middleware that skips articles the seen-store knows."""
