"""Produces each stdin line as a key (value = key) with librdkafka's Java-compatible partitioner
(murmur2_random) and prints "key partition" for each delivered record."""
import argparse
import sys

from confluent_kafka import Producer

parser = argparse.ArgumentParser()
parser.add_argument("--bootstrap", required=True)
parser.add_argument("--topic", required=True)
args = parser.parse_args()

producer = Producer({"bootstrap.servers": args.bootstrap, "partitioner": "murmur2_random"})
delivered = []
for line in sys.stdin:
    key = line.rstrip("\n")
    producer.produce(args.topic, key=key.encode(), value=key.encode(),
                     on_delivery=lambda err, msg: delivered.append((err, msg)))
producer.flush(30)
for err, msg in delivered:
    if err:
        sys.exit(f"delivery failed: {err}")
    print(msg.key().decode(), msg.partition())
