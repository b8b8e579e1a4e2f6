"""Finding article URLs: robots.txt, sitemaps (incl. Google News), feeds, URL rules, dates."""
