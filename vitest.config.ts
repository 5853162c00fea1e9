import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * Tests run against the built packages (`npm run build` first), as an application loads them: each
 * package's `exports`, its bundled entry points and shared chunks. KAFKAKIT_TEST_SOURCES=1 runs them
 * against the sources instead (no build needed; for a quick edit-test loop).
 */
const sourceAlias = [
  { find: /^@kafkakit\/core$/, replacement: source('./packages/core/src/index.ts') },
  { find: /^@kafkakit\/core\/internal$/, replacement: source('./packages/core/src/internal.ts') },
  { find: /^@kafkakit\/producer$/, replacement: source('./packages/producer/src/index.ts') },
  { find: /^@kafkakit\/consumer$/, replacement: source('./packages/consumer/src/index.ts') },
  { find: /^@kafkakit\/testing$/, replacement: source('./packages/testing/src/index.ts') },
  { find: /^@kafkakit\/testing\/vitest$/, replacement: source('./packages/testing/src/vitest.ts') },
]

/** `test/pipeline`: tests of the packages working together (producer → consumer → producer). */
const integrationFiles = [
  'packages/*/src/**/*.int.test.ts',
  'examples/*/src/**/*.int.test.ts',
  'test/pipeline/**/*.int.test.ts',
]
/** Integration tests that also need a schema registry: `*.registry.int.test.ts`. */
const registryFiles = integrationFiles.map((glob) => glob.replace('*.int.test.ts', '*.registry.int.test.ts'))
const integration = { testTimeout: 120_000, hookTimeout: 300_000 }

const alias = process.env.KAFKAKIT_TEST_SOURCES === '1' ? sourceAlias : []

/** KAFKAKIT_TEST_REPORT=file.json: also write vitest's JSON report there (CI counts it). */
const report = process.env.KAFKAKIT_TEST_REPORT
const reporting = report ? { reporters: ['default', 'json'], outputFile: { json: report } } : {}

export default defineConfig({
  resolve: { alias },
  test: {
    ...reporting,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: integrationFiles,
        },
      },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/*/src/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: integrationFiles,
          exclude: registryFiles,
          globalSetup: ['./test/global-setup.ts'],
          ...integration,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-registry',
          include: registryFiles,
          globalSetup: ['./test/global-setup-registry.ts'],
          ...integration,
        },
      },
    ],
  },
})
