"""Where the customer bot keeps its conversations (endpoints.yml names the store)."""
