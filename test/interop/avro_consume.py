"""Reads Avro records written in the Confluent wire format with Confluent's Python client (librdkafka)
and prints each as one JSON line: {"key": ..., "value": ...}. Exits after --count records or --timeout s."""
import argparse
import json
import sys
import time

from confluent_kafka import Consumer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext

parser = argparse.ArgumentParser()
parser.add_argument("--bootstrap", required=True)
parser.add_argument("--registry", required=True)
parser.add_argument("--topic", required=True)
parser.add_argument("--group", required=True)
parser.add_argument("--count", type=int, required=True)
parser.add_argument("--timeout", type=float, default=60)
args = parser.parse_args()

deserialize = AvroDeserializer(SchemaRegistryClient({"url": args.registry}))
consumer = Consumer({"bootstrap.servers": args.bootstrap, "group.id": args.group, "auto.offset.reset": "earliest"})
consumer.subscribe([args.topic])
seen = 0
deadline = time.time() + args.timeout
try:
    while seen < args.count and time.time() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            continue
        if message.error():
            print(f"error: {message.error()}", file=sys.stderr)
            continue
        value = deserialize(message.value(), SerializationContext(args.topic, MessageField.VALUE))
        key = message.key().decode("utf-8") if message.key() is not None else None
        print(json.dumps({"key": key, "value": value}, sort_keys=True), flush=True)
        seen += 1
finally:
    consumer.close()
sys.exit(0 if seen == args.count else 1)
