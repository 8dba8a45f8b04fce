"""Receives mail with aiosmtpd's LMTP server on loopback and stores each message in a folder, for SmtpGen's interop tests.

Usage: /usr/bin/python3 aiosmtpd_lmtp.py PORT FOLDER

It stores each message as aiosmtpd_store.py does (n.json, the envelope, then n.eml, each renamed into place whole).
After the data it answers each accepted recipient (RFC 2033 4.2); the local part steers the reply: "tempfail..." gets
451 and "permfail..." gets 550 after the data, anything else 250. aiosmtpd sends whatever handle_DATA returns once, so
the replies are joined into one string.
"""

import asyncio
import os
import signal
import sys

from aiosmtpd.lmtp import LMTP

from aiosmtpd_store import FolderStore


class LmtpFolderStore(FolderStore):
    async def handle_DATA(self, server, session, envelope):
        await super().handle_DATA(server, session, envelope)
        return "\r\n".join(reply(recipient) for recipient in envelope.rcpt_tos)


def reply(recipient):
    local = recipient.split("@", 1)[0].lower()
    if local.startswith("tempfail"):
        return "451 4.3.0 <%s> Temporary failure" % recipient
    if local.startswith("permfail"):
        return "550 5.1.1 <%s> Delivery failed" % recipient
    return "250 2.0.0 <%s> Delivered" % recipient


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(
        lambda: LMTP(LmtpFolderStore(folder), hostname="aiosmtpd.test", decode_data=False, data_size_limit=64 * 1024 * 1024),
        host="127.0.0.1", port=port))
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: loop.call_soon_threadsafe(loop.stop))
    print("listening on 127.0.0.1:%d" % port, flush=True)
    loop.run_forever()
    server.close()
    os._exit(0)


if __name__ == "__main__":
    main()
