"""Reports received over MLLP: the time from sending an ORU^R01 (the 500-word report of
`preview_speed.py`) to its ACK, with the draft filed, and the bare engine call on the same text,
in the same run; then several senders at once.

    .venv/bin/python bench/mllp_speed.py [MESSAGES] [SENDERS]

Runs the listener of `manage.py mllp_listen` on a free loopback port of this process, on a
throwaway SQLite database. Each message has its own control id and accession line, so each makes
a draft and is read afresh (not from the engine's cache of texts already read).
"""

from __future__ import annotations

import socket
import statistics
import sys
import threading
import time

from preview_speed import five_hundred_words, summary  # also sets up the environment

START, END = b"\x0b", b"\x1c\r"


def message(number: int, text: str) -> bytes:
    from lbpreports.handouts.exports import hl7_escape

    # a line of its own, so that no message is read from the engine's cache of texts
    body = f"Accession B{number}.\n{text}"
    return (
        "\r".join(
            [
                f"MSH|^~\\&|RIS|BENCH|LBPREPORTS|DEMO|20261206||ORU^R01^ORU_R01|B{number}|P|2.4",
                "PID|1||SYN-B^^^BENCH^MR||Bench^Patient||19680101|F",
                "OBR|1||ACC^BENCH|MRLS^MRI Lumbar Spine^L|||20261201"
                "|||||||||||||||||||||||||RAD-BENCH&Bench&Radiologist",
                f"OBX|1|FT|RPT^Report^L||{hl7_escape(body, formatted=True)}||||||F",
            ]
        )
        + "\r"
    ).encode()


def exchange(sock: socket.socket, data: bytes) -> bytes:
    sock.sendall(START + data + END)
    reply = b""
    while not reply.endswith(END):
        reply += sock.recv(65536)
    return reply


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    senders = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from lbpreports import engine
    from lbpreports.practice.inbound import listener
    from lbpreports.practice.models import Practitioner
    from lbpreports.reports.models import Report
    from tests.personas import make_user

    setup_test_environment()
    call_command("migrate", verbosity=0)
    radiologist = make_user("bench_radiologist", "radiologist")
    Practitioner.objects.create(user=radiologist, ris_identifier="RAD-BENCH")
    server = listener(("127.0.0.1", 0))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    text = five_hundred_words()
    numbers = iter(range(10**6))

    with socket.create_connection(server.server_address) as sock:
        assert b"MSA|AA" in exchange(sock, message(next(numbers), text))  # warm
        engine_ms, ack_ms = [], []
        for _ in range(count):
            start = time.perf_counter()
            engine.patient_texts(engine.read(text, age=58))  # as the draft: born 1968
            engine_ms.append(1000 * (time.perf_counter() - start))
            start = time.perf_counter()
            assert b"MSA|AA" in exchange(sock, message(next(numbers), text))
            ack_ms.append(1000 * (time.perf_counter() - start))
    print(f"report: {len(text.split())} words; {count} messages on one connection, interleaved")
    for name, values in (("engine call", engine_ms), ("message to ACK", ack_ms)):
        print(summary(name, values))
    print(f"ACK / engine (median): {statistics.median(ack_ms) / statistics.median(engine_ms):.2f}x")

    lock = threading.Lock()

    def send_many() -> None:
        with socket.create_connection(server.server_address) as sock:
            for _ in range(count // senders):
                with lock:
                    number = next(numbers)
                assert b"MSA|AA" in exchange(sock, message(number, text))

    before = Report.objects.count()
    start = time.perf_counter()
    threads = [threading.Thread(target=send_many) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    made = Report.objects.count() - before
    print(f"{senders} senders at once: {made} drafts in {seconds:.1f} s ({made / seconds:.1f}/s)")
    server.shutdown()


if __name__ == "__main__":
    main()
