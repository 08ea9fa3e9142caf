"""riskrad's cache folder and the folders published into it whole (riskrad/model/cachedir.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskrad.model import cachedir, lexicon, native
from riskrad.model.cachedir import cache_root, default_cache_root, find_cached, publishing


def test_the_cache_folder_is_the_environment_s_or_the_home_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cachedir.ENV_CACHE_DIR, raising=False)
    assert cache_root() == default_cache_root() == Path.home() / ".cache" / "riskrad"
    monkeypatch.setenv(cachedir.ENV_CACHE_DIR, str(tmp_path))
    assert cache_root() == tmp_path
    assert lexicon.store_path().parent == native.build_path().parent == tmp_path


def test_a_cached_folder_is_found_in_the_own_cache_folder_before_the_default_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own, home = tmp_path / "own", tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv(cachedir.ENV_CACHE_DIR, str(own))
    assert find_cached("store") is None
    (home / ".cache" / "riskrad" / "store").mkdir(parents=True)
    assert find_cached("store") == home / ".cache" / "riskrad" / "store"
    assert find_cached("store", "done") is None  # not finished
    (own / "store").mkdir(parents=True)
    (own / "store" / "done").touch()
    assert find_cached("store") == find_cached("store", "done") == own / "store"


def test_a_published_folder_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "store"
    with publishing(target, "done") as tmp:
        assert tmp.parent == target.parent and not target.exists()
        (tmp / "done").write_text("1", encoding="utf-8")
    assert (target / "done").read_text(encoding="utf-8") == "1"
    assert target.stat().st_mode & 0o777 == 0o755
    with pytest.raises(ValueError), publishing(tmp_path / "cache" / "other", "done") as tmp:
        (tmp / "half").touch()
        raise ValueError("cut short")
    assert sorted(path.name for path in target.parent.iterdir()) == ["store"]


def test_a_folder_another_process_published_first_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "store"
    target.mkdir()
    (target / "done").write_text("first", encoding="utf-8")
    (target / "more").touch()
    with publishing(target, "done") as tmp:
        (tmp / "done").write_text("second", encoding="utf-8")
    assert (target / "done").read_text(encoding="utf-8") == "first"
    assert [path.name for path in tmp_path.iterdir()] == ["store"]
    broken = tmp_path / "broken"  # in the way, and not a finished folder: an error
    broken.mkdir()
    (broken / "half").touch()
    with pytest.raises(OSError), publishing(broken, "done") as tmp:
        (tmp / "done").touch()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["broken", "store"]

