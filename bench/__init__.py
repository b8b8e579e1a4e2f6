"""newsclean benchmark: ``python -m bench`` scores cleaners vs trafilatura on public sets."""
