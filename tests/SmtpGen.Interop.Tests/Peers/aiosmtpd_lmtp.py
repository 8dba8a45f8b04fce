"""Receives mail with aiosmtpd's LMTP server on loopback and stores each message in a folder, for SmtpGen's interop tests.

Usage: /usr/bin/python3 aiosmtpd_lmtp.py PORT FOLDER

For message n it writes n.eml (the message's octets as received, after dot-unstuffing) and then n.json (the envelope:
mail_from and rcpt_tos), the latter under a temporary name first, so that a reader that sees n.json sees all of it.
After the data it answers each accepted recipient (RFC 2033 4.2); the local part steers the reply: "tempfail..." gets
451 and "permfail..." gets 550 after the data, anything else 250. aiosmtpd sends whatever handle_DATA returns once, so
the replies are joined into one string.
"""

import asyncio
import itertools
import json
import os
import signal
import sys

from aiosmtpd.lmtp import LMTP


class FolderStore:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        base = os.path.join(self.folder, "%04d" % next(self.numbers))
        with open(base + ".eml", "wb") as file:
            file.write(envelope.original_content or b"")
        with open(base + ".json.tmp", "w") as file:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}, file)
        os.rename(base + ".json.tmp", base + ".json")
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
        lambda: LMTP(FolderStore(folder), hostname="aiosmtpd.test", decode_data=False, data_size_limit=64 * 1024 * 1024),
        host="127.0.0.1", port=port))
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: loop.call_soon_threadsafe(loop.stop))
    print("listening on 127.0.0.1:%d" % port, flush=True)
    loop.run_forever()
    server.close()
    os._exit(0)


if __name__ == "__main__":
    main()
