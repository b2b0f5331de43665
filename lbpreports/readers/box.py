"""The box: every file is parsed in a child process with limits on CPU time, memory and wall
time, so that no upload, however small, can exhaust the worker that received it.

A child is forked from multiprocessing's fork server, which has imported the readers and their
parsers once, and is kept warm for the next file. Before each file it sets its own CPU limit
(RLIMIT_CPU: the kernel stops it with SIGXCPU) and address-space limit (RLIMIT_AS: Python raises
MemoryError) from the budgets of `Limits`; the parent waits on a pipe for at most the wall time,
then kills it. A child that ran out of a budget is replaced. The waiting thread holds no lock, so
the worker's other threads go on serving requests.

The child writes nothing to the server's log or its output: pypdf writes fragments of a damaged
file's text into its warnings, so the child's stdout and stderr go to /dev/null and its logging
is off. The parent logs each refusal by the budget or the parser error's class, never text.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import resource
import signal
import threading
import warnings
from multiprocessing.connection import Connection

from .limits import CPU, MEMORY, TIME, Limits, ReaderError
from .text import ReadFile

log = logging.getLogger(__name__)

# The fork server imports these once; each child forked from it starts with them loaded.
PRELOAD = ["lbpreports.readers", "pypdf", "docx", "hl7", "striprtf.striprtf"]
KEEP_IDLE = 2  # warm children kept per process; more start when more threads read at once
_OUT_OF_MEMORY = 3  # the child's exit status when even the reply did not fit in its memory
_MB = 1024 * 1024

_context = multiprocessing.get_context("forkserver")


# ---------------------------------------------------------------------------------------------
# In the child


def _address_space() -> int:
    """This process's address space in bytes (VmSize), 0 where /proc is missing."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _set_budgets(limits: Limits) -> None:
    """CPU and memory limits for the next file, counted from what the child has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(usage.ru_utime + usage.ru_stime) + limits.cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (_capped(soft, hard), hard))
    space = _address_space()
    if space:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(
            resource.RLIMIT_AS, (_capped(space + limits.memory_mb * _MB, hard), hard)
        )


def _capped(soft: int, hard: int) -> int:
    return soft if hard == resource.RLIM_INFINITY else min(soft, hard)


def _lift_memory_limit() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _quiet() -> None:
    """Nothing the parsers print or log leaves the child."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def _serve(conn: Connection) -> None:
    """Read files sent on `conn` until it closes: (data, name, limits) in, one reply out."""
    from lbpreports.readers import parse

    _quiet()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a CPU-limit kill writes no core file
    at_rest = _address_space()
    while True:
        try:
            data, name, limits = conn.recv()
        except EOFError:
            return
        _set_budgets(limits)
        try:
            reply: tuple = (parse(data, name, limits), None)
        except ReaderError as error:
            reply = (None, error)
        except MemoryError:
            os._exit(_OUT_OF_MEMORY)
        del data
        _lift_memory_limit()
        # a child that ran out of memory, or kept much of what it took, is not used again
        retire = (reply[1] is not None and reply[1].limit == MEMORY) or (
            _address_space() > at_rest + limits.memory_mb * _MB // 2
        )
        try:
            conn.send((*reply, retire, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
        except MemoryError:
            os._exit(_OUT_OF_MEMORY)
        if retire:
            return


# ---------------------------------------------------------------------------------------------
# In the parent


class _Child:
    """One warm child process and the parent's end of its pipe."""

    def __init__(self) -> None:
        ours, theirs = _context.Pipe()
        self.process = _context.Process(
            target=_serve, args=(theirs,), name="lbpreports-reader", daemon=True
        )
        self.process.start()
        theirs.close()
        self.conn = ours
        self.usable = True
        self.peak_rss_kb = 0  # the child's peak resident memory so far, as it last reported

    def read(self, data: bytes, name: str, limits: Limits) -> ReadFile:
        try:
            self.conn.send((data, name, limits))
            if not self.conn.poll(limits.wall_seconds):
                self.close()
                raise limits.refusal(TIME)
            result, error, retire, self.peak_rss_kb = self.conn.recv()
        except (EOFError, OSError):  # the child died: a budget, or a crash in a parser
            self.close()
            raise self._death(limits) from None
        if retire:
            self.close()
        if error is not None:
            raise error
        return result

    def _death(self, limits: Limits) -> ReaderError:
        code = self.process.exitcode
        if code == -signal.SIGXCPU:
            return limits.refusal(CPU)
        if code == _OUT_OF_MEMORY:
            return limits.refusal(MEMORY)
        return ReaderError(
            "This file could not be read; it may be damaged.", cause=f"the reader exited {code}"
        )

    def close(self) -> None:
        self.usable = False
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    """Warm children of this process; a forked copy of the pool (gunicorn's workers) starts
    its own rather than share its parent's."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.idle: list[_Child] = []
        self.busy = 0
        self.pid = os.getpid()

    def take(self) -> _Child:
        with self.lock:
            if self.pid != os.getpid():
                self.idle, self.busy, self.pid = [], 0, os.getpid()
            self.busy += 1
            while self.idle:
                child = self.idle.pop()
                if child.process.is_alive():
                    return child
        try:
            return _Child()
        except BaseException:
            with self.lock:
                self.busy -= 1
            raise

    def give_back(self, child: _Child) -> None:
        with self.lock:
            self.busy -= 1
            if child.usable and len(self.idle) < KEEP_IDLE:
                self.idle.append(child)
                return
        if child.usable:
            child.close()


_context.set_forkserver_preload(PRELOAD)
_pool = _Pool()


def busy() -> int:
    """How many files this process is reading in children now."""
    return _pool.busy


def read_in_box(data: bytes, name: str, limits: Limits) -> tuple[ReadFile, int]:
    """Parse a file in a child process within `limits`: the text and the child's peak resident
    memory in KiB; a `ReaderError` when the file is refused or runs out of a budget."""
    child = _pool.take()
    try:
        result = child.read(data, name, limits)
    except ReaderError as error:
        if error.limit:
            log.warning("A file was stopped by the reader's %s limit", error.limit)
        elif error.cause:
            log.info("A file could not be read (%s)", error.cause)
        raise
    finally:
        _pool.give_back(child)
    return result, child.peak_rss_kb
