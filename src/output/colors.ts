import {Chalk, type ChalkInstance} from 'chalk'

/**
 * The one chalk instance kfk prints with. Colour is off when NO_COLOR is set,
 * with --no-color, or when the stream is not a terminal (FORCE_COLOR wins).
 */
let instance: ChalkInstance | undefined

export function colorEnabled(stream: NodeJS.WriteStream = process.stdout, argv = process.argv, env = process.env): boolean {
  if (argv.includes('--no-color')) return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.TERM === 'dumb') return false
  return Boolean(stream.isTTY)
}

export function colors(): ChalkInstance {
  instance ??= new Chalk({level: colorEnabled() ? 2 : 0})
  return instance
}

/** For stderr messages, judged on stderr's own terminal-ness. */
let errInstance: ChalkInstance | undefined
export function errColors(): ChalkInstance {
  errInstance ??= new Chalk({level: colorEnabled(process.stderr) ? 2 : 0})
  return errInstance
}
