"""The copies made in steps (govorg.stepwise) equal the one-call copies they replace, at sizes
below, at and across the step."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govorg import stepwise

SIZES = st.integers(min_value=0, max_value=3 * stepwise.STEP + 5)


@given(SIZES)
def test_copy_dict_keeps_every_key_value_and_the_order(size: int) -> None:
    source = {f"k{(i * 7919) % (size + 1)}-{i}": i for i in range(size)}
    copied = stepwise.copy_dict(source)
    assert copied == source and list(copied) == list(source) and copied is not source


@given(st.lists(st.integers(min_value=0, max_value=2 * stepwise.STEP + 3), max_size=6))
def test_joined_is_the_chained_list(lengths: list[int]) -> None:
    parts = [[(n, i) for i in range(length)] for n, length in enumerate(lengths)]
    assert stepwise.joined(parts) == [item for part in parts for item in part]


@given(SIZES, st.data())
def test_spliced_replaces_the_slice_and_leaves_the_source(size: int, data: st.DataObject) -> None:
    source = list(range(size))
    at = data.draw(st.integers(min_value=0, max_value=size))
    gone = data.draw(st.integers(min_value=0, max_value=size - at))
    new = data.draw(st.lists(st.integers(min_value=-9, max_value=-1), max_size=5))
    assert stepwise.spliced(source, at, gone, new) == [*source[:at], *new, *source[at + gone :]]
    assert source == list(range(size))
