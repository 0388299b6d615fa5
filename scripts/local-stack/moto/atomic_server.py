"""moto's server with DynamoDB writes applied one at a time.

DynamoDB applies each write to an item atomically (an `ADD` never loses an increment, a condition is
checked and the write made as one step). moto's threaded server reads, changes and stores an item in
separate steps without a lock, so two overlapping updates of one item can lose one of them. Serializing
moto's DynamoDB writes restores what the real service promises; reads stay concurrent.

It serves over waitress instead of moto's own werkzeug server, which closes the connection after every
response: DynamoDB and SQS keep a client's connection open, so a TCP connect per call would be a cost the
emulator adds and AWS does not (docs/adr/0062-an-emulator-that-keeps-connections-open.md).

moto's SQS long poll rescans a queue at once while any of its messages is visible, even when none of them can
be received (a FIFO group with a message in flight): such a poll spun a core for its whole 20 s. A poll
here waits up to 50 ms between scans then, or until a message arrives.

Every 10 s it also logs one JSON line of the requests it served by operation (count and seconds spent),
so an opening's request mix can be read from its log (`"msg": "emulator operations"`).
"""

import argparse
import json
import os
import sys
import threading
import time

from moto.core.responses import BaseResponse
from moto.dynamodb.models import DynamoDBBackend
from moto.sqs.models import Queue
from moto.server import DomainDispatcherApplication, create_backend_app
from waitress import serve

_writes = threading.RLock()


def _serialized(method):
    def write(*args, **kwargs):
        with _writes:
            return method(*args, **kwargs)

    return write


for _name in ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item"):
    if hasattr(DynamoDBBackend, _name):
        setattr(DynamoDBBackend, _name, _serialized(getattr(DynamoDBBackend, _name)))

_rescan_seconds = 0.05


def _wait_for_messages(self, timeout):
    with self._messages_lock:
        if self.messages:
            self._messages_lock.wait(timeout=min(timeout, _rescan_seconds))
        else:
            self._messages_lock.wait_for(lambda: self.messages, timeout=timeout)


Queue.wait_for_messages = _wait_for_messages

_served_lock = threading.Lock()
_served: dict = {}


def _counted(call_action):
    def counted(self):
        started = time.perf_counter()
        try:
            return call_action(self)
        finally:
            try:
                name = f"{self.service_name}.{self._get_action()}"
            except Exception:  # an unparseable request still counts
                name = f"{getattr(self, 'service_name', '?')}.?"
            with _served_lock:
                entry = _served.setdefault(name, [0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - started

    return counted


def _report_served():
    global _served
    while True:
        time.sleep(10)
        with _served_lock:
            served, _served = _served, {}
        if not served:
            continue
        ops = {name: {"count": c, "seconds": round(s, 3)} for name, (c, s) in sorted(served.items())}
        line = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "msg": "emulator operations", "ops": ops}
        print(json.dumps(line), file=sys.stderr, flush=True)


BaseResponse.call_action = _counted(BaseResponse.call_action)
threading.Thread(target=_report_served, daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    # moto writes the port into the URLs it hands out (an SQS queue's URL).
    os.environ.setdefault("MOTO_PORT", str(args.port))
    app = DomainDispatcherApplication(create_backend_app)
    # SQS long polls hold a thread each for up to 20 s; the threads are many so that they never starve
    # the short DynamoDB calls.
    serve(app, host=args.host, port=args.port, threads=48, connection_limit=1000, ident=None)


if __name__ == "__main__":
    main()
