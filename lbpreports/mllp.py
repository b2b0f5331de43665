"""An MLLP server (HL7's Minimal Lower Layer Protocol): each message framed as
<VT> message <FS><CR> on a TCP connection, each answered with one framed ACK.

One thread per connection (at most `max_connections` at once), so that a slow or silent sender
never holds up the others. A frame
larger than `max_bytes` is refused (AR) and the connection closed; a connection silent for
`timeout` seconds is closed, whether it is between messages or stopped in the middle of one.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

START, END = b"\x0b", b"\x1c\r"


class _Connection(socketserver.BaseRequestHandler):
    server: MLLPServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(self.server.timeout_seconds)
        buffer = bytearray()
        searched = 0  # bytes of the buffer already searched for the end of a frame
        limit = self.server.max_bytes + len(START)
        try:
            while True:
                end = buffer.find(END, max(searched - 1, 0))
                if (len(buffer) if end == -1 else end) > limit:
                    sock.sendall(frame(self.server.too_large(bytes(buffer[:4096]))))
                    log.warning("An MLLP message over %s bytes was refused", limit - len(START))
                    _drain(sock, limit)
                    return
                if end == -1:
                    searched = len(buffer)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return
                    buffer += chunk
                    continue
                message = bytes(buffer[:end])
                del buffer[: end + len(END)]
                searched = 0
                start = message.find(START)
                if start == -1:
                    continue  # bytes outside a frame are ignored, as MLLP says
                sock.sendall(frame(self.server.handle_message(message[start + 1 :])))
        except TimeoutError:
            log.info(
                "An MLLP sender was silent for %s s and was dropped", self.server.timeout_seconds
            )
        except OSError as error:
            log.info("An MLLP connection ended: %s", type(error).__name__)
        finally:
            self.server.connection_done()


def _drain(sock: socket.socket, limit: int, seconds: float = 2.0) -> None:
    """Say no more will be sent, then read what the sender still sends (a little, briefly)
    before closing: a socket closed with unread input is reset, and a reset can lose the refusal
    on its way to the sender."""
    sock.shutdown(socket.SHUT_WR)
    deadline = time.monotonic() + seconds
    read = 0
    while read < limit and (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        chunk = sock.recv(65536)
        if not chunk:
            return
        read += len(chunk)


def frame(message: bytes) -> bytes:
    return START + message + END


class MLLPServer(socketserver.ThreadingTCPServer):
    """Serves `handle_message(bytes) -> ack bytes` for every framed message; `too_large(prefix)`
    gives the refusal of an oversized one."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        handle_message: Callable[[bytes], bytes],
        too_large: Callable[[bytes], bytes],
        max_bytes: int,
        timeout_seconds: float,
        on_connection_done: Callable[[], None] = lambda: None,
        max_connections: int = 20,
    ) -> None:
        self.handle_message = handle_message
        self.too_large = too_large
        self.max_bytes = max_bytes
        self.timeout_seconds = timeout_seconds
        self.connection_done = on_connection_done
        self.slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, _Connection)

    def process_request(self, request, client_address) -> None:
        """A thread for the connection, unless `max_connections` are open: then it is closed
        at once (the sender tries again later), so that many connections cannot exhaust the
        process."""
        if not self.slots.acquire(blocking=False):
            log.warning("An MLLP connection was refused: too many open")
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class SendError(Exception):
    """A message was not accepted: no connection, no answer in time, or an ACK other than AA."""


def send(message: bytes, address: tuple[str, int], timeout_seconds: float) -> bytes:
    """Send one message to an MLLP receiver and return its ACK when it is AA (or CA);
    otherwise raise `SendError` with the reason, never the message."""
    try:
        with socket.create_connection(address, timeout=timeout_seconds) as sock:
            sock.settimeout(timeout_seconds)
            sock.sendall(frame(message))
            reply = bytearray()
            while not reply.endswith(END):
                chunk = sock.recv(65536)
                if not chunk:
                    raise SendError("the receiver closed the connection without an ACK")
                reply += chunk
                if len(reply) > 1024 * 1024:
                    raise SendError("the receiver's answer is not an ACK")
    except TimeoutError:
        raise SendError("no ACK in time") from None
    except OSError as error:
        raise SendError(f"cannot connect ({type(error).__name__})") from None
    ack = bytes(reply).lstrip(START)[: -len(END)]
    code = _ack_code(ack)
    if code not in ("AA", "CA"):
        raise SendError(f"the receiver answered {code or 'without an MSA'}")
    return ack


def _ack_code(ack: bytes) -> str:
    for segment in ack.decode("utf-8", errors="replace").replace("\n", "\r").split("\r"):
        if segment.startswith("MSA") and len(segment) > 3:
            return segment.split(segment[3])[1].strip()[:2] if segment.count(segment[3]) else ""
    return ""
