"""`make build`: MkDocs' own command line, quiet by default and never a traceback.

MkDocs prints its INFO lines only with ``V=1`` (``--verbose``-free: ``-q`` otherwise);
warnings and the Dutch reports always show. An error that is not a content problem
(reported in Dutch by the hooks) becomes a Dutch message too: a contributor never sees
a traceback. ``SAMSITE_DEBUG=1`` shows it.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from samsite.errors import internal_error_report  # noqa: E402


def main(argv: list[str]) -> int:
    import importlib

    # mkdocs, or ProperDocs (its 1.x fork) with `make build MKDOCS_MODULE=properdocs`
    cli = importlib.import_module(f"{os.environ.get('SAM_MKDOCS', 'mkdocs')}.__main__").cli
    try:
        cli.main(args=argv, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as exit_:  # click ends with SystemExit, also after a Dutch report
        return exit_.code if isinstance(exit_.code, int) else 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a Dutch message, never a traceback
        if os.environ.get("SAMSITE_DEBUG"):
            raise
        print(internal_error_report(error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    if code == 0 and sys.argv[1:2] == ["build"]:
        print("Klaar: de site is gebouwd.")
    sys.exit(code)
