"""Spiders: ``news`` (discovery over a whole site) and ``article`` (given URLs only)."""
