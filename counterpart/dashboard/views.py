"""Every dashboard view by name, as the page and the scale benchmark call them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from counterpart.dashboard.filters import Filters
from counterpart.dashboard.progress_views import (
    certificates,
    funnel,
    overview,
    pass_rates,
    time_to_certify,
)
from counterpart.dashboard.score_views import (
    lesson_heatmap,
    team_heatmap,
    trends,
    weakest_lessons,
    weakest_personas,
)
from counterpart.dashboard.table import Table
from counterpart.storage.records import User
from counterpart.storage.store import Store
from curricula.library import Library

View = Callable[[Store, Library, User, Filters, dt.datetime], Table]

VIEWS: dict[str, View] = {
    "overview": overview,
    "funnel": funnel,
    "pass_rates": pass_rates,
    "time_to_certify": time_to_certify,
    "lesson_heatmap": lesson_heatmap,
    "team_heatmap": team_heatmap,
    "trends": trends,
    "weakest_lessons": weakest_lessons,
    "weakest_personas": weakest_personas,
    "certificates": certificates,
}
