"""Every core for one thread, for a while (matcher.threads)."""

from __future__ import annotations

import threading

import torch

from matcher.threads import cores, every_core


def _in_a_thread(body):  # type: ignore[no-untyped-def]
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(body()))
    thread.start()
    thread.join()
    return out[0]


def test_every_core_raises_the_count_of_the_calling_thread_only_and_puts_it_back() -> None:
    main_before = torch.get_num_threads()

    def body() -> tuple[int, int, int, int]:
        before = torch.get_num_threads()
        with every_core(before + 1):
            inside = torch.get_num_threads()
            main_meanwhile = _in_a_thread(torch.get_num_threads)  # another thread of the process
        return before, inside, torch.get_num_threads(), main_meanwhile

    before, inside, after, other = _in_a_thread(body)
    assert inside == before + 1 and after == before
    assert other == main_before and torch.get_num_threads() == main_before


def test_every_core_defaults_to_the_cores_this_process_may_use() -> None:
    def body() -> int:
        with every_core():
            return torch.get_num_threads()

    assert _in_a_thread(body) == cores() >= 1
