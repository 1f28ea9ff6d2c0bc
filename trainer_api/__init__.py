"""Empathy training simulator: the trainer API and its pure cores."""
