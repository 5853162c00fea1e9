import { defineConfig, mergeConfig } from 'vitest/config'
import root from '../vitest.config.js'

/** Benchmarks: `npm run bench` (vitest bench, tinybench underneath). Ratios against the raw libraries, same run. */
export default mergeConfig(
  { resolve: root.resolve },
  defineConfig({ test: { benchmark: { include: ['bench/**/*.bench.ts'] } } }),
)
