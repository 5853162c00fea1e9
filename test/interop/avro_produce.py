"""Writes Avro records in the Confluent wire format with Confluent's Python client (librdkafka), registering
the schema under <topic>-value. Reads {"key": ..., "value": ...} JSON lines from stdin."""
import argparse
import json
import sys

from confluent_kafka import Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

parser = argparse.ArgumentParser()
parser.add_argument("--bootstrap", required=True)
parser.add_argument("--registry", required=True)
parser.add_argument("--topic", required=True)
parser.add_argument("--schema", required=True, help="the Avro schema as JSON text")
args = parser.parse_args()

serialize = AvroSerializer(SchemaRegistryClient({"url": args.registry}), args.schema)
producer = Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True})
failures = []
for line in sys.stdin:
    record = json.loads(line)
    producer.produce(
        args.topic,
        key=record["key"].encode("utf-8"),
        value=serialize(record["value"], SerializationContext(args.topic, MessageField.VALUE)),
        on_delivery=lambda err, msg: failures.append(err) if err else None,
    )
producer.flush(30)
sys.exit(1 if failures else 0)
