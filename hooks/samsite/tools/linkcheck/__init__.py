"""Every external link of the site, checked, with the fix ready to apply (``make linkcheck``).

A printed cahier lives for years; the pages it points to do not. In four steps:

- ``sources.collect``: each web address with every place it is written: the numbered links
  of a cahier (number in ``links.yml`` and the chapter line), the ``links`` of practices
  and cahiers, and links in the text of practices, cahiers and team pages (``docs/``);
- ``web.check``: each address once, host by host (one request at a time per host, with a
  pause between two), several hosts at once, HEAD first and GET when a server refuses
  HEAD, redirects followed, one retry after a server error or a timeout;
- ``fixes.problems``: one Dutch line per place that does not work, with the exact fix. A
  dead printed link that no ``redirect:`` covers is an error (exit code 1); all else warns;
- ``cli.main``: ``python -m samsite linkcheck [map] [--json [bestand]]``, text and JSON.

No MkDocs here.
"""

from .cli import main
from .fixes import Problem, archive_url, problems
from .sources import Place, body_links, collect
from .web import Result, Settings, check

__all__ = ["Place", "Problem", "Result", "Settings", "archive_url", "body_links", "check", "collect", "main",
           "problems"]
