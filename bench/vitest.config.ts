import { defineConfig } from 'vitest/config'

/**
 * Benchmarks: `npm run bench*` (vitest bench, tinybench underneath), after `npm run build`. kafkakit runs
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
