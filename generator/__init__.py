"""Build a flyer, a handout and a training deck from one content source."""

__version__ = "0.1.0"
