import { type AnyTopic, checkTopicName, ErrorCode, KafkakitError } from '@kafkakit/core'
import type { ResolvedConsumerOptions } from './consumer-options.js'
import { isNonRetriable } from './non-retriable.js'

/** What a subscribed topic is to the consumer: one of its topics (stage 0), or that topic's n-th retry topic. */
export interface Route {
  readonly topic: AnyTopic
  readonly stage: number
}

type RouteOptions = Pick<ResolvedConsumerOptions, 'topics' | 'retryTopics' | 'deadLetter'>

/** A name template's `{topic}` and `{n}` filled in. */
const fill = (template: string, topic: string, n?: number) =>
  template.replaceAll('{topic}', topic).replaceAll('{n}', n === undefined ? '{n}' : String(n))

const retryTopicName = (options: RouteOptions, topic: string, n: number) => {
  const name = options.retryTopics?.topic
  if (name === undefined) return `${topic}-retry-${n}`
  return typeof name === 'string' ? fill(name, topic, n) : name(topic, n)
}

const deadLetterTopicName = (options: RouteOptions, topic: string) => {
  const name = options.deadLetter && options.deadLetter !== true ? options.deadLetter.topic : undefined
  if (name === undefined) return `${topic}-dlt`
  return typeof name === 'string' ? fill(name, topic) : name(topic)
}

const invalid = (field: string, message: string) =>
  new KafkakitError(ErrorCode.CONFIG, `Invalid consumer options: ${field}: ${message}`, {
    details: { fields: [field] },
  })

/** A name the options produced, checked against Kafka's topic-name rules. */
function checked(name: string, field: string): string {
  try {
    checkTopicName(name)
  } catch (error) {
    throw invalid(field, (error as Error).message)
  }
  return name
}

const describe = (route: Route) =>
  route.stage === 0 ? `the topic ${route.topic.name}` : `retry topic ${route.stage} of ${route.topic.name}`

/**
 * Every topic the consumer reads, by name. Throws KAFKAKIT_CONFIG when two of them would have one name
 * (a retry-topic name without `{n}` with several delays, or without `{topic}` with several topics), or
 * when a dead-letter topic is one the consumer reads.
 */
export function consumerRoutes(options: RouteOptions): Map<string, Route> {
  const routes = new Map<string, Route>()
  const add = (name: string, route: Route) => {
    const taken = routes.get(name)
    if (taken) {
      throw invalid(
        'retryTopics.topic',
        `${describe(route)} and ${describe(taken)} would both be ${name}; give each retry topic a name of its own (use {topic} and {n})`,
      )
    }
    routes.set(name, route)
  }
  for (const topic of options.topics) add(topic.name, { topic, stage: 0 })
  for (const topic of options.topics) {
    options.retryTopics?.delaysMs.forEach((_, i) => {
      add(checked(retryTopicName(options, topic.name, i + 1), 'retryTopics.topic'), { topic, stage: i + 1 })
    })
  }
  if (options.deadLetter) {
    for (const topic of options.topics) {
      const name = checked(deadLetterTopicName(options, topic.name), 'deadLetter.topic')
      const read = routes.get(name)
      if (read) {
        throw invalid(
          'deadLetter.topic',
          `the dead-letter topic of ${topic.name} would be ${name}, which is ${describe(read)}: the consumer would read its own dead letters`,
        )
      }
    }
  }
  return routes
}

/** What happens to a record whose attempts at this stage all failed. */
export type FailureStep =
  | { readonly kind: 'retry'; readonly target: string; readonly delayMs: number }
  | { readonly kind: 'dead-letter'; readonly target: string }
  /** No dead-letter topic: the partition stays on the record. */
  | { readonly kind: 'hold' }

export function failureStep(
  options: RouteOptions,
  route: Route,
  failure: { readonly error: unknown; readonly decoded: boolean },
): FailureStep {
  const delays = options.retryTopics?.delaysMs ?? []
  if (failure.decoded && !isNonRetriable(failure.error) && route.stage < delays.length) {
    return {
      kind: 'retry',
      target: retryTopicName(options, route.topic.name, route.stage + 1),
      delayMs: delays[route.stage]!,
    }
  }
  return options.deadLetter
    ? { kind: 'dead-letter', target: deadLetterTopicName(options, route.topic.name) }
    : { kind: 'hold' }
}

/**
 * The retry and dead-letter topics a consumer with these options writes to and reads from, to create
 * alongside its topics (Kafka clusters usually refuse to create topics on first use). Each name once:
 * several topics may share one dead-letter topic. Throws KAFKAKIT_CONFIG as createConsumer does when
 * the names do not work.
 */
export function retryAndDeadLetterTopics(options: {
  readonly topics: readonly AnyTopic[]
  readonly retryTopics?: RouteOptions['retryTopics']
  readonly deadLetter?: RouteOptions['deadLetter']
}): string[] {
  const resolved: RouteOptions = {
    topics: [...options.topics],
    retryTopics: options.retryTopics,
    deadLetter: options.deadLetter,
  }
  consumerRoutes(resolved)
  const names = options.topics.flatMap((topic) => [
    ...(options.retryTopics?.delaysMs ?? []).map((_, i) => retryTopicName(resolved, topic.name, i + 1)),
    ...(options.deadLetter ? [deadLetterTopicName(resolved, topic.name)] : []),
  ])
  return [...new Set(names)]
}
