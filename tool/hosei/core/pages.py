"""HTML pages from template files: one Jinja2 environment over hosei/pages (autoescaping on, StrictUndefined, so a
missing value is an error and never an empty gap), one base layout and one stylesheet for every page the tool
writes. The page modules assemble what a page shows; the markup lives in the template files."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("hosei", "pages"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(name: str, **context: Any) -> str:
    """The page *name* (a file in hosei/pages) rendered with *context*."""
    return environment().get_template(name).render(**context)
