import { createRequire } from 'node:module'
import zlib from 'node:zlib'
import kafkajs from 'kafkajs'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { Compression } from '../transport/producer-transport.js'

// kafkajs is CommonJS: Node's ESM loader cannot see these as named exports.
const { CompressionCodecs, CompressionTypes } = kafkajs

const require = createRequire(import.meta.url)

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>
  decompress(buffer: Buffer): Promise<Buffer>
}

/**
 * Codecs kafkajs lacks (it has gzip): snappy through kafkajs-snappy (pure JS, xerial framing as the Java
 * client writes it), lz4 through lz4-napi's LZ4 frame format (its binary ships in a registry package),
 * and zstd through node:zlib where the runtime has it (Node 22.15 and later).
 */
const codecs: Record<Exclude<Compression, 'none' | 'gzip'>, () => Codec> = {
  snappy: () => (require('kafkajs-snappy') as () => Codec)(),
  lz4: () => {
    const lz4 = require('lz4-napi') as {
      compressFrame(data: Buffer): Promise<Buffer>
      decompressFrame(data: Buffer): Promise<Buffer>
    }
    return {
      compress: (encoder) => lz4.compressFrame(encoder.buffer),
      decompress: (buffer) => lz4.decompressFrame(buffer),
    }
  },
  zstd: () => {
    const z = zlib as typeof zlib & { zstdCompress?: typeof zlib.gzip; zstdDecompress?: typeof zlib.gunzip }
    const { zstdCompress, zstdDecompress } = z
    if (!zstdCompress || !zstdDecompress) {
      throw new KafkakitError(
        ErrorCode.CONFIG,
        `compression "zstd" needs node:zlib's zstd (Node.js 22.15 or later); this is ${process.version}`,
      )
    }
    const run = (fn: typeof zlib.gzip, data: Buffer) =>
      new Promise<Buffer>((resolve, reject) =>
        fn(data, (error, result) => (error ? reject(error) : resolve(result))),
      )
    return {
      compress: (encoder) => run(zstdCompress, encoder.buffer),
      decompress: (buffer) => run(zstdDecompress, buffer),
    }
  },
}

const registered = new Set<Compression>()

/** Makes kafkajs able to write (and read) `compression`. Idempotent. */
export function registerCompressionCodecs(compression: Compression): void {
  if (compression === 'none' || compression === 'gzip' || registered.has(compression)) return
  const codec = codecs[compression]()
  const type = { snappy: CompressionTypes.Snappy, lz4: CompressionTypes.LZ4, zstd: CompressionTypes.ZSTD }[
    compression
  ]
  ;(CompressionCodecs as unknown as Record<number, () => Codec>)[type] = () => codec
  registered.add(compression)
}

/** Registers every codec this runtime can provide, so consumers can read whatever producers wrote. */
export function registerAvailableCodecs(): void {
  for (const compression of ['snappy', 'lz4', 'zstd'] as const) {
    try {
      registerCompressionCodecs(compression)
    } catch {
      // zstd on a Node.js without it: records compressed with zstd will fail to decode, with kafkajs's error
    }
  }
}
