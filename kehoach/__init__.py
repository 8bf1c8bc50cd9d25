"""kehoach: a knowledge base of Vietnamese government plans, published as a static site.

The library knows nothing of MkDocs: load → extract → resolve → render → index, in plain Python.
"""

__version__ = "0.1.0"
