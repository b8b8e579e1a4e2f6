"""``python -m bench.confirmgen [--pages N] [--jobs 2]`` scores newsclean and trafilatura on
both seeds; ``python -m bench.confirmgen --seed S --pages N --out DIR`` writes the pages."""

import sys

from bench.confirmgen import score, write

sys.exit(write.main() if "--out" in sys.argv else score.main())
