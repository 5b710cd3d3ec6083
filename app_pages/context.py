"""What every page shares: the core services, the signed-in user, the interface language."""

from __future__ import annotations

import re

import streamlit as st

from counterpart.i18n import t
from counterpart.services import Services, build_services
from counterpart.storage.records import User
from counterpart.visibility import NotVisible, live_account


@st.cache_resource
def services() -> Services:
    return build_services()


KEPT = "kept."


def kept(key: str, default: object = None) -> object:
    """The last value chosen in the widget `key`, even after a page switch dropped the widget."""
    return st.session_state.get(KEPT + key, default)


def keep(key: str) -> dict:
    """Widget arguments that make its choice outlive a page switch. Streamlit drops the state of
    every widget when code calls st.switch_page, so a keyed widget alone would fall back to its
    default on the next page (the interface language once did, for one run, and a reply typed in
    that run was lost when the chat box changed language under it). The choice is copied to a
    plain session key, which survives, and the widget starts from it."""

    def copy() -> None:
        st.session_state[KEPT + key] = st.session_state[key]

    return {"key": key, "on_change": copy}


def language() -> str:
    return str(kept("language", "en"))


def tr(key: str, **values: object) -> str:
    return t(key, language(), **values)


def current_user() -> User | None:
    """The signed-in account as storage has it now, read again on every run: a role or team an
    admin changed takes effect on the next click, and an account that is gone is signed out."""
    signed_in = st.session_state.get("user")
    if signed_in is None:
        return None
    try:
        user = live_account(services().store, signed_in)
    except NotVisible:
        st.session_state.clear()
        return None
    st.session_state["user"] = user
    return user


INLINE_MARKUP = re.compile(r"([\\`*_{}\[\]<>#|~$&])")
# Markdown turns a bare address (http://…, www.…, someone@host) into a link after escapes are
# read, so a backslash cannot stop it; an invisible word joiner inside the address does.
BARE_ADDRESS = re.compile(r"(?i)(://|(?<=\bwww)\.|@)")
WORD_JOINER = "\u2060"
# List markers only mean something at the start of a line.
LINE_START_MARKUP = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)


def plain(text: str) -> str:
    """Text people typed, escaped so that Markdown or HTML in it shows as typed."""
    escaped = INLINE_MARKUP.sub(r"\\\1", text)
    escaped = BARE_ADDRESS.sub(lambda m: WORD_JOINER + m.group(1), escaped)
    escaped = LINE_START_MARKUP.sub(
        lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped
    )
    return escaped.replace("\n", "  \n")
