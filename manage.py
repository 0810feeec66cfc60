#!/usr/bin/env python
"""Django's command-line utility for the WSIS Portal."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsis.settings")
    # After DJANGO_SETTINGS_MODULE is set (Django's own layout of manage.py).
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
