"""The pipeline is one per process, even when threads of a web server ask for it first at once."""

import threading
import time
from functools import lru_cache

from lbpreports.engine import pipeline


def test_threads_asking_first_at_once_get_one_pipeline(monkeypatch):
    built = []

    def slow_build():
        time.sleep(0.05)  # long enough for every thread to arrive while the first builds
        built.append(object())
        return built[-1]

    monkeypatch.setattr(pipeline, "_shared_nlp", lru_cache(maxsize=1)(slow_build))
    barrier = threading.Barrier(8)
    got = []

    def ask():
        barrier.wait()
        got.append(pipeline.nlp())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(built) == 1
    assert len(got) == 8 and all(nlp is built[0] for nlp in got)


def test_concurrent_reads_of_one_report_agree():
    from lbpreports import engine

    text = "MRI LUMBAR SPINE\nFindings: L4-5: mild disc bulge.\nL5-S1: large disc extrusion."
    results, errors = [], []

    def read():
        try:
            results.append([f.concept for f in engine.read(text, age=50).findings])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(results) == 4 and all(r == results[0] for r in results)
