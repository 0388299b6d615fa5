"""moto's server with DynamoDB writes applied one at a time.

DynamoDB applies each write to an item atomically (an `ADD` never loses an increment, a condition is
checked and the write made as one step). moto's threaded server reads, changes and stores an item in
separate steps without a lock, so two overlapping updates of one item can lose one of them. Serializing
moto's DynamoDB writes restores what the real service promises; reads stay concurrent.

Every 10 s it also logs one JSON line of the requests it served by operation (count and seconds spent),
so an opening's request mix can be read from its log (`"msg": "emulator operations"`).
"""

import json
import sys
import threading
import time

from moto.core.responses import BaseResponse
from moto.dynamodb.models import DynamoDBBackend
from moto.server import main

_writes = threading.RLock()


def _serialized(method):
    def write(*args, **kwargs):
        with _writes:
            return method(*args, **kwargs)

    return write


for _name in ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item"):
    if hasattr(DynamoDBBackend, _name):
        setattr(DynamoDBBackend, _name, _serialized(getattr(DynamoDBBackend, _name)))

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

if __name__ == "__main__":
    sys.exit(main())
