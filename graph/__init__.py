"""citegraph's graph layer: canonical documents, issuers and implementing chains.

May import ``extract``; ``extract`` never imports ``graph``.
"""
