/**
 * kafkajs itself: the one place that loads it (lazily: `kfk --help` must not
 * pay for it) with kfk's source patches (patches.ts), and kafkajs's encoder
 * and errors. kafkajs 2.2.4 ships its src/ without an exports map; everything
 * kfk needs from inside it goes through core/kafkajs/, so an upgrade touches
 * one room.
 */
import {createRequire} from 'node:module'
import type * as KafkaJS from 'kafkajs'
import {KAFKAJS_PATCHES, patchKafkajsSource} from './patches.js'
import {kafkaErrorInfo} from '../protocol/kafka-errors.js'
import type {Encoder} from './types.js'

export type {Admin, Kafka, Producer, Consumer, logCreator, LogEntry, KafkaConfig, ITopicConfig} from 'kafkajs'

// scripts/bundle.mjs removes this line from the dist/fast bundles: there `require` is the bundler's, which bundles kafkajs.
const require = createRequire(import.meta.url)

/**
 * True inside the dist/fast bundles (scripts/bundle.mjs defines it): kafkajs is
 * bundled there, with its patches applied at build time, and `require` below is
 * the bundle's own.
 */
declare const __KFK_BUNDLE__: boolean | undefined

const bundled = typeof __KFK_BUNDLE__ !== 'undefined' && __KFK_BUNDLE__

let loaded: typeof KafkaJS | undefined

/** kafkajs itself, loaded on first use. */
export function kafkajs(): typeof KafkaJS {
  if (!loaded) {
    if (!bundled) for (const id of Object.keys(KAFKAJS_PATCHES)) loadPatched(id)
    loaded = require('kafkajs') as typeof KafkaJS
  }
  return loaded
}

/** Compiles a kafkajs module from its patched source (patches.ts) into the module cache, before kafkajs requires it. */
function loadPatched(id: string): void {
  const path = require.resolve(id)
  if (require.cache[path]) return
  const {readFileSync} = require('node:fs') as typeof import('node:fs')
  const {dirname} = require('node:path') as typeof import('node:path')
  const Module = require('node:module') as any
  const m = new Module(path, null)
  m.filename = path
  m.paths = Module._nodeModulePaths(dirname(path))
  m._compile(patchKafkajsSource(id, readFileSync(path, 'utf8')), path)
  m.loaded = true
  require.cache[path] = m
}

export function newEncoder(): Encoder {
  const Ctor = require('kafkajs/src/protocol/encoder') as new () => Encoder
  return new Ctor()
}

/**
 * Maps a Kafka error code to kafkajs's error (KafkaJSProtocolError with type and
 * retriable). kafkajs 2.2.4 knows codes up to 88; a newer code gets Kafka's name
 * and message from kafka-errors.ts, and retriable false as kafkajs gives unknown
 * codes, so its own retries never rerun a request on them.
 */
export function errorFromCode(code: number): Error {
  const {createErrorFromCode, errorCodes} = require('kafkajs/src/protocol/error') as {
    createErrorFromCode: (c: number) => Error
    errorCodes: Array<{code: number}>
  }
  const newer = errorCodes.some((e) => e.code === code) ? undefined : kafkaErrorInfo(code)
  if (!newer) return createErrorFromCode(code)
  const {KafkaJSProtocolError} = require('kafkajs/src/errors') as {
    KafkaJSProtocolError: new (e: {type: string; code: number; message: string; retriable: boolean}) => Error
  }
  return new KafkaJSProtocolError({type: newer.name, code, message: newer.message, retriable: false})
}

/** The kind of a kafkajs protocol error (`REBALANCE_IN_PROGRESS` ...), or undefined for other errors. */
export function errorType(error: unknown): string | undefined {
  const type = (error as {type?: unknown} | null)?.type
  return typeof type === 'string' ? type : undefined
}
