import type { Command } from './command.js'
import { codegenCommand } from './commands/codegen-command.js'
import { consumeCommand } from './commands/consume-command.js'
import { dlqReplayCommand } from './commands/dlq-replay-command.js'
import { groupsDescribe, groupsList } from './commands/groups-commands.js'
import { produceCommand } from './commands/produce-command.js'
import { topicsCreate, topicsDelete, topicsDescribe, topicsList } from './commands/topics-commands.js'

/** Every command, in the order `kafkakit --help` lists them. */
export const commands: readonly Command[] = [
  codegenCommand,
  produceCommand,
  consumeCommand,
  topicsList,
  topicsCreate,
  topicsDescribe,
  topicsDelete,
  groupsList,
  groupsDescribe,
  dlqReplayCommand,
]
