"""Plugins run in the order their declarations ask, whatever PLUGINS says."""

from __future__ import annotations

import types

import pytest

from comptoir.core.plugin import LAST, Loaded, Plugin, PluginError, in_order, load


def loaded(name: str, *after: str) -> Loaded:
    return Loaded(Plugin(name, after=after), lambda build: None)


def names(plugins: list[Loaded]) -> list[str]:
    return [p.name for p in plugins]


def test_a_plugin_runs_after_those_it_names_and_otherwise_as_listed() -> None:
    listed = [loaded("cards", "images"), loaded("feeds"), loaded("images")]
    assert names(in_order(listed)) == ["feeds", "images", "cards"]


def test_last_goes_after_every_other_plugin_and_after_can_chain_two_lasts() -> None:
    listed = [loaded("headers", LAST, "check"), loaded("check", LAST), loaded("a"), loaded("b")]
    assert names(in_order(listed)) == ["a", "b", "check", "headers"]


def test_a_plugin_turned_off_is_not_waited_for() -> None:
    assert names(in_order([loaded("cards", "images", "typography")])) == ["cards"]


def test_plugins_waiting_for_each_other_are_named() -> None:
    with pytest.raises(PluginError, match="a, b"):
        in_order([loaded("a", "b"), loaded("b", "a")])


def test_two_plugins_with_one_name_are_refused() -> None:
    with pytest.raises(PluginError):
        in_order([loaded("a"), loaded("a")])


def test_load_leaves_other_plugins_to_pelican() -> None:
    foreign = types.ModuleType("foreign")  # a Pelican plugin: register(), no PLUGIN
    foreign.register = lambda: None  # type: ignore[attr-defined]
    listed = ["comptoir.plugins.share", foreign, "json", "only_in_plugin_paths"]
    ours, others = load(listed)
    assert names(ours) == ["share"]
    assert others == [foreign, "json", "only_in_plugin_paths"]
