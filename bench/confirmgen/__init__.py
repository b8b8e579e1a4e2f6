"""Generator of unseen article templates (with truth) and its scorer; see ``generate``."""

from bench.confirmgen.generate import generate, make_page

__all__ = ["generate", "make_page"]
