"""Finding article URLs: robots.txt, sitemaps (incl. Google News), RSS/Atom feeds, URL rules, dates."""
