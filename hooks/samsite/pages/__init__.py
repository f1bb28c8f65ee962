"""Pure functions that turn the content model into the site's web pages (``generate.py``
lists them); the printed pages are in ``printed/``."""
