"""Reads a whole topic from the beginning with librdkafka (isolation level configurable) and prints one
line per record: "partition offset compression-independent-value-as-utf8". Exits after --count records or
when no record arrives for --idle seconds."""
import argparse
import sys
import time

from confluent_kafka import Consumer

parser = argparse.ArgumentParser()
parser.add_argument("--bootstrap", required=True)
parser.add_argument("--topic", required=True)
parser.add_argument("--group", required=True)
parser.add_argument("--count", type=int, default=-1)
parser.add_argument("--idle", type=float, default=10)
parser.add_argument("--isolation", default="read_committed")
args = parser.parse_args()

consumer = Consumer({
    "bootstrap.servers": args.bootstrap,
    "group.id": args.group,
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
    "isolation.level": args.isolation,
})
consumer.subscribe([args.topic])
seen = 0
last = time.time()
out = sys.stdout
try:
    while args.count < 0 or seen < args.count:
        batch = consumer.consume(num_messages=1000, timeout=1.0)
        if not batch:
            if time.time() - last > args.idle:
                break
            continue
        last = time.time()
        for message in batch:
            if message.error():
                print(f"error: {message.error()}", file=sys.stderr)
                continue
            value = message.value().decode("utf-8", "replace") if message.value() is not None else ""
            out.write(f"{message.partition()} {message.offset()} {value}\n")
            seen += 1
finally:
    consumer.close()
out.flush()
