import { defineConfig } from 'vitest/config'

/**
 * Benchmarks: `npm run bench*` (vitest bench), after `npm run build`. The serde bench uses vitest's `bench`
 * fixture (tinybench underneath); the producer and consumer benches are plain tests that time their own
 * rounds. Only files matched by `benchmark.include` run in vitest's benchmark project. kafkakit runs
 * from its built packages (each package's dist, loaded by Node as an application loads them), not from its
 * sources through vitest's transform, which wraps every cross-module call; the raw libraries it is
 * compared with are loaded the same way.
 */
export default defineConfig({
  test: {
    benchmark: { include: ['bench/**/*.bench.ts'] },
    server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } },
  },
})
