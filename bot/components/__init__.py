"""Custom Rasa NLU components, named in config.yml as components.<module>.<Class>."""
