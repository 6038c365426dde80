"""Settings per environment: base, dev (make run), test (pytest), production (from env)."""
