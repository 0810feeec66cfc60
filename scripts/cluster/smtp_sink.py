"""The cluster's SMTP sink: accepts every message and appends its Message-ID and recipients, one
line each, to a log file, so the fault test can count what was delivered (none lost, none twice).

    python scripts/cluster/smtp_sink.py ADDRESS PORT LOGFILE
"""

import asyncio
import email
import sys
from pathlib import Path

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path: Path) -> None:
        self.path = path

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        line = f"{message.get('Message-ID', '').strip()}\t{','.join(envelope.rcpt_tos)}\n"
        with self.path.open("a") as log:
            log.write(line)
        return "250 OK"


def main() -> None:
    address, port, path = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    path.touch()
    controller = Controller(Recorder(path), hostname=address, port=port)
    controller.start()
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
