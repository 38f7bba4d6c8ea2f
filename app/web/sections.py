"""A part of a page that another feature provides, composed explicitly by the page's view.

The case page lists the features' section functions by name and includes each section's
template without `ignore missing`: a renamed template fails loudly instead of vanishing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageSection:
    """What a section shows (`data`, read by the template as `section.data`) and where its
    template is."""

    template: str
    data: Mapping[str, Any] = field(default_factory=dict)
