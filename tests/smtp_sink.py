"""A real SMTP server on loopback for fault tests: it can be started, stopped and slowed down, and
it can refuse or hold up chosen recipients."""

import asyncio
import socket
import threading

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, sink: "SmtpSink") -> None:
        self.sink = sink

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sink.connections += 1
        self.sink.ehlo_seen.set()
        if self.sink.connections <= self.sink.slow_connections:
            await asyncio.sleep(self.sink.delay_seconds)
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.sink.refused_recipients:
            return "550 No such mailbox here"
        if address in self.sink.slow_recipients:  # slow once: the next try goes through
            self.sink.slow_recipients.discard(address)
            self.sink.slow_recipient_seen.set()
            await asyncio.sleep(self.sink.delay_seconds)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = envelope.content.decode("utf8", errors="replace")
        message_id = next(
            (
                line.split(":", 1)[1].strip()
                for line in message.splitlines()
                if line.lower().startswith("message-id:")
            ),
            None,
        )
        self.sink.message_ids.append(message_id)
        return "250 Message accepted for delivery"


class SmtpSink:
    def __init__(
        self,
        port: int,
        *,
        slow_connections: int = 0,
        delay_seconds: float = 0,
        refused_recipients: frozenset[str] = frozenset(),
        slow_recipients: frozenset[str] = frozenset(),
    ) -> None:
        self.port = port
        self.slow_connections = slow_connections
        self.delay_seconds = delay_seconds
        self.refused_recipients = set(refused_recipients)
        self.slow_recipients = set(slow_recipients)
        self.slow_recipient_seen = threading.Event()
        self.connections = 0
        self.message_ids: list[str | None] = []
        self.ehlo_seen = threading.Event()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
