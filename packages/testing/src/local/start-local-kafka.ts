import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorCode, KafkakitError } from '@kafkakit/core'
import { brokerSettings } from '../broker-settings.js'
import { freePorts } from '../free-ports.js'
import type { KafkaCluster, KafkaNode } from '../kafka-cluster.js'
import { randomClusterId } from '../random-cluster-id.js'
import type { ResolvedStartKafkaOptions } from '../start-kafka-options.js'
import { waitForBrokers } from '../wait-for-brokers.js'
import { findJava } from './find-java.js'
import { JvmProcess } from './jvm-process.js'
import { kafkaClasspath } from './kafka-classpath.js'
import { unwatchDir, watchDir } from './reaper.js'
import { startFailed } from './start-failed.js'

const defaultJvmArgs = ['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC', '-Djava.awt.headless=true']

interface BrokerNodeLayout {
  readonly nodeId: number
  readonly port: number
  readonly controllerPort: number
}

interface LocalNode {
  readonly layout: BrokerNodeLayout
  readonly dir: string
  readonly logFile: string
  readonly process: JvmProcess
}

/**
 * Starts the real Apache Kafka broker on this machine's JVM: one combined KRaft node, or a quorum of
 * three, on free loopback ports, with data in a fresh temporary folder. Resolves once every broker is
 * registered; a failed start kills what it started and names the log files in its error.
 */
export async function startLocalKafka(options: ResolvedStartKafkaOptions): Promise<KafkaCluster> {
  const { signal } = options
  const java = await findJava(17, options.javaHome)
  const classpath = await kafkaClasspath(options.kafkaVersion, {
    java,
    mavenCommand: options.mavenCommand,
    signal,
  })
  signal?.throwIfAborted()

  const runDir = await mkdtemp(join(tmpdir(), 'kafkakit-kafka-'))
  const ports = await freePorts(options.nodes * 2)
  const layouts = Array.from({ length: options.nodes }, (_, i) => ({
    nodeId: i + 1,
    port: ports[2 * i]!,
    controllerPort: ports[2 * i + 1]!,
  }))
  const voters = layouts.map((l) => `${l.nodeId}@127.0.0.1:${l.controllerPort}`).join(',')
  const clusterId = randomClusterId()
  const jvmArgs = [...defaultJvmArgs, ...options.jvmArgs, '-cp', classpath]
  const nodes: LocalNode[] = await Promise.all(
    layouts.map(async (layout) => {
      const dir = join(runDir, `node-${layout.nodeId}`)
      const dataDir = join(dir, 'data')
      await mkdir(dataDir, { recursive: true })
      watchDir(dataDir)
      const propertiesFile = join(dir, 'server.properties')
      const settings = brokerSettings(layout.nodeId, voters, localListeners(layout), layouts.length, {
        'log.dirs': dataDir,
        ...options.brokerConfig,
      })
      await writeFile(propertiesFile, toProperties(settings))
      const logFile = join(dir, 'broker.log')
      const format = new JvmProcess({
        java: java.java,
        args: [...jvmArgs, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propertiesFile],
        logFile,
      })
      format.start()
      const { code } = await format.exited
      if (code !== 0)
        throw startFailed(`Kafka: formatting the storage of node ${layout.nodeId} failed`, logFile)
      const process = new JvmProcess({
        java: java.java,
        args: [...jvmArgs, 'kafka.Kafka', propertiesFile],
        logFile,
      })
      return { layout, dir, logFile, process }
    }),
  ).catch(async (error) => {
    await removeData(runDir, layouts, true)
    throw error
  })

  const brokers = layouts.map((l) => `127.0.0.1:${l.port}`)
  const waitForNodes = (subset: readonly LocalNode[]) =>
    waitForBrokers(
      brokers,
      subset.map((n) => n.layout.nodeId),
      {
        timeoutMs: options.startTimeoutMs,
        signal,
        failFast: () => {
          const dead = subset.find((n) => !n.process.running)
          return dead && startFailed(`Kafka broker ${dead.layout.nodeId} exited while starting`, dead.logFile)
        },
      },
    ).catch((error) => {
      if (KafkakitError.is(error, ErrorCode.START_FAILED)) throw error
      const logs = subset.map((n) => n.logFile).join(', ')
      throw new KafkakitError(ErrorCode.START_FAILED, `${(error as Error).message}. Broker logs: ${logs}`, {
        cause: error,
        details: { logs: subset.map((n) => n.logFile) },
      })
    })

  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= (async () => {
      // The data is thrown away, so a controlled shutdown would only cost time.
      await Promise.all(nodes.map((n) => n.process.kill()))
      await removeData(runDir, layouts, options.keepLogs)
    })()
    return stopped
  }

  for (const node of nodes) node.process.start()
  try {
    await waitForNodes(nodes)
  } catch (error) {
    await Promise.all(nodes.map((n) => n.process.kill()))
    await removeData(runDir, layouts, true)
    throw error
  }

  const kafkaNodes: KafkaNode[] = nodes.map((node) => ({
    nodeId: node.layout.nodeId,
    address: `127.0.0.1:${node.layout.port}`,
    kill: () => node.process.kill(),
    pause: async () => node.process.signal('SIGSTOP'),
    resume: async () => node.process.signal('SIGCONT'),
    restart: async () => {
      await node.process.stop()
      node.process.start()
      await waitForNodes([node])
    },
  }))

  return {
    mode: 'local',
    bootstrapServers: brokers.join(','),
    brokers,
    kafkaVersion: options.kafkaVersion,
    nodes: kafkaNodes,
    logDir: runDir,
    stop,
    [Symbol.asyncDispose]: stop,
  }
}

function localListeners(layout: BrokerNodeLayout) {
  return {
    listeners: `PLAINTEXT://127.0.0.1:${layout.port},CONTROLLER://127.0.0.1:${layout.controllerPort}`,
    advertisedListeners: `PLAINTEXT://127.0.0.1:${layout.port}`,
    interBrokerListenerName: 'PLAINTEXT',
    securityProtocolMap: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
  }
}

function toProperties(settings: Record<string, string>): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n')
}

/** Removes the brokers' data; the whole run folder too unless its logs are to be kept. */
async function removeData(
  runDir: string,
  layouts: readonly BrokerNodeLayout[],
  keepLogs: boolean,
): Promise<void> {
  for (const layout of layouts) {
    const dataDir = join(runDir, `node-${layout.nodeId}`, 'data')
    await rm(dataDir, { recursive: true, force: true })
    unwatchDir(dataDir)
  }
  if (!keepLogs) await rm(runDir, { recursive: true, force: true })
}
