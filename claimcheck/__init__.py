"""claimcheck: find contradictions between attributed statements in Arabic and English news."""

__version__ = "0.1.0"
