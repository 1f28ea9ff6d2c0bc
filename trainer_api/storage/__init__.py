"""Persistence: models, engine factory and data-access functions."""
