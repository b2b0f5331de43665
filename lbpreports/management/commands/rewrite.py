"""`manage.py rewrite FILE [FILE ...] [--json]`: read reports into findings
(docs/contract.md).

One JSON object per FILE and line with --json. A file that cannot be read prints
`{"file": ..., "error": "..."}` as its line, the others still print, a one-line message goes to
stderr and the exit status is 1 (2 for bad arguments). Never a traceback.
"""

import argparse
import json
import logging
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lbpreports import engine, readers

log = logging.getLogger(__name__)


def read_input(name: str, stdin) -> readers.ReadFile:
    limits = readers.Limits.from_settings(settings)
    if name == "-":
        data = (
            stdin.buffer.read(readers.MAX_FILE_BYTES + 1)
            if hasattr(stdin, "buffer")
            else (stdin.read(readers.MAX_FILE_BYTES + 1).encode("utf-8"))
        )
        return readers.read_bytes(data, "", limits)
    return readers.read_path(name, limits)


def age_arg(value: str) -> int:
    try:
        age = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a whole number of years, not {value!r}") from None
    if not 0 <= age <= 120:
        raise argparse.ArgumentTypeError(f"between 0 and 120, not {age}")
    return age


class Command(BaseCommand):
    help = "Read lumbar spine reports into findings; --json prints the contract's JSON."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="a path, or - for stdin")
        parser.add_argument("--json", action="store_true", help="one JSON object per FILE")
        parser.add_argument("--age", type=age_arg, help="patient's age, overriding the text")
        parser.add_argument("--modality", choices=["xray", "ct", "mri"])
        parser.add_argument("--mode", choices=["summary", "conclusion"], default="summary")
        parser.add_argument("--spelling", choices=["en-au", "en-us"], default="en-au")
        parser.add_argument("--pdf", metavar="OUT", help="write the draft handout (one FILE)")
        parser.add_argument(
            "--large-print",
            action="store_true",
            help="the handout in large print (16 pt) instead of standard print (14 pt)",
        )

    def handle(self, *args, **options):
        files = options["files"]
        if options["pdf"] and len(files) != 1:
            raise CommandError("--pdf takes exactly one FILE.", returncode=2)
        if options["large_print"] and not options["pdf"]:
            raise CommandError("--large-print goes with --pdf.", returncode=2)
        failures = 0
        for name in files:
            try:
                read_file = read_input(name, sys.stdin)
                text = read_file.text
                reading = engine.read(text, age=options["age"], modality=options["modality"])
            except (readers.ReaderError, engine.EngineInputError) as error:
                failures += 1
                self._failed(name, str(error), options["json"])
                continue
            except Exception:  # never a traceback for the user; the log keeps it
                log.exception("rewrite failed on one file")
                failures += 1
                self._failed(name, "The report could not be processed (internal error).", True)
                continue
            texts = engine.patient_texts(reading, spelling=options["spelling"])
            if options["pdf"]:
                self._write_pdf(options, read_file, reading, texts)
            if options["json"]:
                out = {"file": name, **engine.to_contract(reading), **texts}
                self.stdout.write(json.dumps(out, ensure_ascii=False))
            else:
                if len(files) > 1:
                    self.stdout.write(f"== {name}")
                chosen = (
                    texts["summary"]["text"]
                    if options["mode"] == "summary"
                    else texts["conclusion"]
                )
                self.stdout.write(chosen)
        if failures:
            self.stderr.write(f"{failures} of {len(files)} file(s) could not be read.")
            sys.exit(1)

    def _failed(self, name: str, message: str, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps({"file": name, "error": message}, ensure_ascii=False))
        else:
            self.stdout.write(f"{name}: {message}")

    def _write_pdf(self, options: dict, read_file, reading, texts: dict) -> None:
        """The same draft handout as the workspace's, marked as not reviewed on every page."""
        from lbpreports.handouts.pdf import render_handout
        from lbpreports.reports.models import Report

        report = Report(
            original_text=read_file.text,
            mode=options["mode"],
            large_print=options["large_print"],
            patient_age=reading.age,
            patient_identifier=read_file.patient_identifier,
            patient_name=read_file.patient_name,
            date_of_birth=read_file.date_of_birth,
            exam_type=read_file.exam_type,
            exam_date=read_file.exam_date,
        )
        result = {**engine.to_contract(reading), **texts}
        with open(options["pdf"], "wb") as handle:
            handle.write(render_handout(report, result, draft=True))
        self.stderr.write(f"Draft handout written to {options['pdf']}")
