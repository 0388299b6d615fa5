"""moto's server with DynamoDB writes applied one at a time.

DynamoDB applies each write to an item atomically (an `ADD` never loses an increment, a condition is
checked and the write made as one step). moto's threaded server reads, changes and stores an item in
separate steps without a lock, so two overlapping updates of one item can lose one of them. Serializing
moto's DynamoDB writes restores what the real service promises; reads stay concurrent.
"""

import sys
import threading

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

if __name__ == "__main__":
    sys.exit(main())
