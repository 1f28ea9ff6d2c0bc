"""Input channels of the customer bot (named in credentials.yml)."""
