// The Kafka release `kfk cluster up` runs by default, read from its one place
// (DEFAULT_KAFKA_VERSION in src/cluster/provision.ts), for the scripts that
// need the jars' cache path without building kfk.
import {readFileSync} from 'node:fs'

const source = readFileSync(new URL('../src/cluster/provision.ts', import.meta.url), 'utf8')
const match = /export const DEFAULT_KAFKA_VERSION = '([^']+)'/.exec(source)
if (!match) throw new Error('DEFAULT_KAFKA_VERSION not found in src/cluster/provision.ts')
export const DEFAULT_KAFKA_VERSION = match[1]
