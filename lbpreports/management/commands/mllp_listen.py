"""Receive reports from a RIS over MLLP, beside the web app: `manage.py mllp_listen`."""

from django.core.management.base import BaseCommand

from lbpreports.practice.inbound import listener


class Command(BaseCommand):
    help = (
        "Listen for HL7 v2 ORU^R01 messages over MLLP (MLLP_BIND, MLLP_PORT; loopback by "
        "default) and file each as a draft for the radiologist it names."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="address to listen on (default: MLLP_BIND)")
        parser.add_argument("--port", type=int, help="port to listen on (default: MLLP_PORT)")

    def handle(self, *args, **options):
        from django.conf import settings

        address = (options["bind"] or settings.MLLP_BIND, options["port"] or settings.MLLP_PORT)
        server = listener(address)
        host, port = server.server_address[:2]
        self.stdout.write(f"Listening for HL7 over MLLP on {host}:{port}. Ctrl-C stops.")
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
