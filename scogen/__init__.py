"""scogen: a static archive website of interview transcripts about the SCO."""
__version__ = "0.1.0"

__all__ = ["__version__"]
