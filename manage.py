#!/usr/bin/env python
"""Django's manage.py; `lantern` (installed into .venv) does the same."""

from lantern.cli import main

if __name__ == "__main__":
    main()
