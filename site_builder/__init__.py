"""Static website generator for an archive of news on Central Asia and the Caucasus."""

__version__ = "0.1.0"
