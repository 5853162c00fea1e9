#!/usr/bin/env node
// The `kafkakit-testing` command. A committed file rather than dist/cli.js itself: npm links a workspace's
// bins when it installs, before `npm run build` has made dist/, and skips a bin whose file is missing then.
import '../dist/cli.js'
