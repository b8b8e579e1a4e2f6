"""Item pipelines, in order: clean (process pool) -> seen check -> dated JSONL writer -> mark seen."""
