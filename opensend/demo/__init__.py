"""Synthetic demo data: a whole fictional local area ("Anytown") built from a seed."""
