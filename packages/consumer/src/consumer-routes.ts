import type { AnyTopic } from '@kafkakit/core'
import type { ResolvedConsumerOptions } from './consumer-options.js'
import { isNonRetriable } from './non-retriable.js'

/** What a subscribed topic is to the consumer: one of its topics (stage 0), or that topic's n-th retry topic. */
export interface Route {
  readonly topic: AnyTopic
  readonly stage: number
}

type RouteOptions = Pick<ResolvedConsumerOptions, 'topics' | 'retryTopics' | 'deadLetter'>

const retryTopicName = (options: RouteOptions, topic: string, n: number) =>
  options.retryTopics?.topic ? options.retryTopics.topic(topic, n) : `${topic}-retry-${n}`

const deadLetterTopicName = (options: RouteOptions, topic: string) =>
  options.deadLetter && options.deadLetter !== true && options.deadLetter.topic
    ? options.deadLetter.topic(topic)
    : `${topic}-dlt`

/** Every topic the consumer reads, by name. */
export function consumerRoutes(options: RouteOptions): Map<string, Route> {
  const routes = new Map<string, Route>()
  for (const topic of options.topics) {
    routes.set(topic.name, { topic, stage: 0 })
    options.retryTopics?.delaysMs.forEach((_, i) => {
      routes.set(retryTopicName(options, topic.name, i + 1), { topic, stage: i + 1 })
    })
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
 * alongside its topics (Kafka clusters usually refuse to create topics on first use).
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
  return options.topics.flatMap((topic) => [
    ...(options.retryTopics?.delaysMs ?? []).map((_, i) => retryTopicName(resolved, topic.name, i + 1)),
    ...(options.deadLetter ? [deadLetterTopicName(resolved, topic.name)] : []),
  ])
}
