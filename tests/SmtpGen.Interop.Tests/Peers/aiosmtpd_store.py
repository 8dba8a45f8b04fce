"""Receives mail with aiosmtpd on loopback and stores each message in a folder, for SmtpGen's interop tests.

Usage: /usr/bin/python3 aiosmtpd_store.py PORT FOLDER [CERT KEY USER PASSWORD]

With a certificate, its key and a user, it offers STARTTLS, and AUTH (PLAIN, LOGIN) only over TLS, and takes mail
only from that user once authenticated.

For message n it writes n.json (the envelope: mail_from and rcpt_tos) and then n.eml (the message's octets as
received, after dot-unstuffing), each first under a temporary name and then renamed, so that a reader never sees
half a file.
"""

import itertools
import json
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class FolderStore:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        base = os.path.join(self.folder, "%04d" % next(self.numbers))
        envelope_json = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}
        write_then_rename(base + ".json", json.dumps(envelope_json).encode("utf-8"))
        write_then_rename(base + ".eml", envelope.original_content or b"")
        return "250 2.0.0 Stored"


def write_then_rename(path, data):
    with open(path + ".tmp", "wb") as file:
        file.write(data)
    os.rename(path + ".tmp", path)


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == user.encode("utf-8") and auth_data.password == password.encode("utf-8")
        return AuthResult(success=ok)
    return authenticate


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    secure = {}
    if len(sys.argv) == 7:
        cert, key, user, password = sys.argv[3:7]
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        secure = dict(tls_context=context, require_starttls=True, authenticator=authenticator_for(user, password),
                      auth_required=True, auth_require_tls=True)
    controller = Controller(FolderStore(folder), hostname="127.0.0.1", port=port, data_size_limit=64 * 1024 * 1024, **secure)
    controller.start()
    print("listening on 127.0.0.1:%d" % port, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
