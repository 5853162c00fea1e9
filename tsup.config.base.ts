import { defineConfig, type Options } from 'tsup'

/** The one build shape every published package shares: ESM + CJS + .d.ts for Node 20+. */
export function packageBuild(entry: string[], overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    // import.meta.url in the CommonJS builds (createRequire, package-relative files)
    shims: true,
    ...overrides,
  })
}
