"""A loopback SMTP server for the tests: Debian's aiosmtpd (run it with /usr/bin/python3),
STARTTLS required, then AUTH (PLAIN or LOGIN) with one username and password, and every
message accepted written to DIR as N.eml beside N.json ({"mail_from", "rcpt_tos"}).

    /usr/bin/python3 smtp_sink.py --port P --dir DIR --cert CERT --key KEY --user U --password PW
    /usr/bin/python3 smtp_sink.py ... --refuse   # answers every message 451 (try again later)

Prints "ready" on stdout once it accepts connections."""
import argparse
import json
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, directory, refuse):
        self.directory, self.refuse = directory, refuse
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 4.3.0 try again later"
        with self.lock:
            self.count += 1
            base = os.path.join(self.directory, str(self.count))
        with open(base + ".eml.part", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        os.rename(base + ".eml.part", base + ".eml")
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    for name in ("--port", "--dir", "--cert", "--key", "--user", "--password"):
        parser.add_argument(name, required=True)
    parser.add_argument("--refuse", action="store_true")
    args = parser.parse_args()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == args.user.encode() and auth_data.password == args.password.encode()
        return AuthResult(success=ok)

    controller = Controller(
        Sink(args.dir, args.refuse), hostname="127.0.0.1", port=int(args.port),
        tls_context=context, require_starttls=True, auth_required=True,
        authenticator=authenticate, auth_require_tls=True, server_hostname="localhost")
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
