"""The page cache: byte budget, LRU order, nearest-size placeholder lookup."""

from __future__ import annotations

from reviewer_app.render.cache import PageCache, PageKey, size_bucket
from reviewer_app.render.types import FORMAT_GRAY8, RenderedPage


def page(width: int, height: int = 10) -> RenderedPage:
    return RenderedPage(width, height, width, FORMAT_GRAY8, bytes(width * height))


def test_size_bucket_rounds_up_to_eight_device_pixels() -> None:
    assert size_bucket(1) == 8
    assert size_bucket(800) == 800
    assert size_bucket(801) == 808


def test_budget_evicts_least_recently_used() -> None:
    cache = PageCache(budget_bytes=3000)
    keys = [PageKey("a", n, 0, 100) for n in range(3)]
    for key in keys:
        cache.put(key, page(100))  # 1000 bytes each
    assert cache.get(keys[0]) is not None  # touch: now keys[1] is the oldest
    cache.put(PageKey("a", 9, 0, 100), page(100))
    assert keys[1] not in cache
    assert keys[0] in cache and keys[2] in cache
    assert cache.nbytes == 3000


def test_page_larger_than_budget_is_not_kept() -> None:
    cache = PageCache(budget_bytes=500)
    cache.put(PageKey("a", 0, 0, 100), page(100))
    assert len(cache) == 0 and cache.nbytes == 0


def test_nearest_prefers_same_page_and_rotation_closest_width() -> None:
    cache = PageCache()
    cache.put(PageKey("a", 0, 0, 200), page(200))
    cache.put(PageKey("a", 0, 0, 800), page(800))
    cache.put(PageKey("a", 0, 90, 600), page(600))
    cache.put(PageKey("a", 1, 0, 600), page(600))
    cache.put(PageKey("b", 0, 0, 600), page(600))
    cache.put(PageKey("a", 0, 0, 600, clip=(0, 0, 10, 10)), page(10))
    found = cache.nearest(PageKey("a", 0, 0, 640))
    assert found is not None and found[0].width == 800
    assert cache.nearest(PageKey("c", 0, 0, 640)) is None


def test_discard_attachment_and_clear_free_bytes() -> None:
    cache = PageCache()
    cache.put(PageKey("a", 0, 0, 100), page(100))
    cache.put(PageKey("b", 0, 0, 100), page(100))
    cache.discard_attachment("a")
    assert cache.nbytes == 1000 and len(cache) == 1
    cache.clear()
    assert cache.nbytes == 0 and len(cache) == 0
