"""Sending a message to the GP's system over MLLP: AA accepted, anything else an error that
names the reason and never the message."""

import socket
import threading

import pytest

from lbpreports.mllp import MLLPServer, SendError, send

MESSAGE = (
    b"MSH|^~\\&|LBPREPORTS|DEMORAD|GPSOFTWARE|^2054781W^AUSHICPR|20261206||ORU^R01^ORU_R01|1|P|2.4\r"
    b"OBX|1|FT|PATIENTTEXT^Patient handout text^L||Text||||||F\r"
)


def ack(code: str) -> bytes:
    return f"MSH|^~\\&|GP|CLINIC|LBPREPORTS|DEMORAD|20261206||ACK|9|P|2.4\rMSA|{code}|1\r".encode()


@pytest.fixture
def receiver():
    received = []
    servers = []

    def start(code="AA"):
        def handle(message):
            received.append(message)
            return ack(code)

        server = MLLPServer(("127.0.0.1", 0), handle, lambda prefix: ack("AR"), 10_000, 2)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address

    yield start, received
    for server in servers:
        server.shutdown()
        server.server_close()


def test_an_aa_is_accepted_and_the_message_arrives_whole(receiver):
    start, received = receiver
    reply = send(MESSAGE, start("AA"), 5)
    assert b"MSA|AA|1" in reply
    assert received == [MESSAGE]


@pytest.mark.parametrize("code", ["AE", "AR"])
def test_an_error_ack_is_a_send_error_naming_the_code(receiver, code):
    start, _ = receiver
    with pytest.raises(SendError, match=f"answered {code}"):
        send(MESSAGE, start(code), 5)


def test_a_receiver_that_never_answers_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        with pytest.raises(SendError, match="no ACK in time"):
            send(MESSAGE, listener.getsockname(), 0.5)
    finally:
        listener.close()


def test_nobody_listening_is_a_send_error():
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    address = free.getsockname()
    free.close()
    with pytest.raises(SendError, match="cannot connect"):
        send(MESSAGE, address, 2)
