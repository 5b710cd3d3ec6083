"""What every page shares: the core services, the signed-in user, the interface language."""

from __future__ import annotations

import streamlit as st

from counterpart.i18n import t
from counterpart.services import Services, build_services
from counterpart.storage.records import User


@st.cache_resource
def services() -> Services:
    return build_services()


def language() -> str:
    return st.session_state.get("language", "en")


def tr(key: str, **values: object) -> str:
    return t(key, language(), **values)


def current_user() -> User | None:
    return st.session_state.get("user")


def plain(text: str) -> str:
    """Text people typed, escaped so that Markdown or HTML in it shows as typed."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]()<>#+-.!|~$&":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("  \n")
        else:
            out.append(ch)
    return "".join(out)
