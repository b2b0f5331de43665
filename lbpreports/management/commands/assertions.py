"""`manage.py assertions FILE.tsv`: the assertion of a phrase in a sentence
(docs/contract.md).

Each input line is `sentence<TAB>target phrase`; each output line adds a third column:
present, negated, uncertain, historical, or absent when the phrase is not in the sentence.
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from lbpreports import readers
from lbpreports.engine.report import assert_phrase


class Command(BaseCommand):
    help = "Judge the assertion of target phrases in sentences (tab-separated input)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.tsv", help="a path, or - for stdin")

    def handle(self, *args, **options):
        name = options["file"]
        try:
            if name == "-":
                text = readers.decode_text(sys.stdin.buffer.read(readers.MAX_FILE_BYTES + 1))
            else:
                text = readers.read_path(name, readers.Limits.from_settings(settings)).text
        except readers.ReaderError as error:
            self.stderr.write(f"{name}: {error}")
            sys.exit(1)
        bad = 0
        for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
            if not line.strip():
                continue
            if "\t" not in line:
                bad += 1
                self.stderr.write(f"line {number}: expected sentence<TAB>target phrase")
                continue
            sentence, phrase = line.split("\t", 1)
            phrase = phrase.split("\t")[0]
            self.stdout.write(f"{sentence}\t{phrase}\t{assert_phrase(sentence, phrase)}")
        if bad:
            sys.exit(1)
