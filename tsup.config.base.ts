import { defineConfig, type Options } from 'tsup'

/** The one build shape every published package shares: ESM + CJS + .d.ts for Node 22.22+, with shared chunks so every entry point of a package uses one copy of each runtime class and symbol. */
export function packageBuild(entry: string[], overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node22',
    platform: 'node',
    splitting: true,
    // import.meta.url in the CommonJS builds (createRequire, package-relative files)
    shims: true,
    ...overrides,
  })
}
