"""``python -m cleaners`` runs the ``newsclean`` command line."""

import sys

from cleaners.cli import main

sys.exit(main())
