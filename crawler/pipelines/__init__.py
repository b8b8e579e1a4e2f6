"""Item pipelines, in order: clean (process pool) -> seen check -> JSONL writer -> mark seen."""
