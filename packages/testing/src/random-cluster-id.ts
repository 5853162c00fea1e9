import { randomBytes } from 'node:crypto'

/**
 * A random KRaft cluster id: 16 bytes as unpadded base64url (22 characters), never starting with '-',
 * which Kafka's own Uuid.randomUuid() also avoids because the storage tool would read it as an option.
 */
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    if (!id.startsWith('-')) return id
  }
}
