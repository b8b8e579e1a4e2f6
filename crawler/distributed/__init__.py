"""Distributed mode: scrapy-redis workers with leases, a Redis seen-store, seeding and idle close.

Switched on by one setting, ``REDIS_URL`` (see ``crawler.distributed.addon``).
"""
