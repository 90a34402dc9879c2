#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
// Runs kfk from src/ through tsx, without a build.
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
