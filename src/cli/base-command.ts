import {Command, Flags, Interfaces} from '@oclif/core'
import {resolveSettings, type ConnectionSettings} from '../config/settings.js'
import {EXIT, isPromptInterrupt, KfkError, visible} from './errors.js'
import {errColors} from '../output/colors.js'
import {mapKafkaError} from '../core/errors.js'
import type {KafkaClient} from '../core/kafkajs/client.js'
import {connectionSecurityFlags, parsePropertyFlags, pickSecurityFlags} from '../flags/shared.js'
import {closest} from '../startup/suggest.js'

/**
 * Every kfk command: --json, colour control, one place that turns errors into
 * a sentence, a hint and an exit code (0 ok, 1 failed, 2 usage, 130 interrupted).
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true
  static override baseFlags = {
    help: Flags.help({char: 'h', helpGroup: 'GLOBAL', description: 'Show this help.'}),
    color: Flags.boolean({
      allowNo: true,
      default: true,
      helpGroup: 'GLOBAL',
      description: 'Colour output on a terminal (off with --no-color or NO_COLOR).',
    }),
    verbose: Flags.boolean({helpGroup: 'GLOBAL', description: 'Print client debug logs and stack traces to stderr.'}),
  }

  protected flags!: Interfaces.InferredFlags<T['flags'] & (typeof BaseCommand)['baseFlags']>
  protected args!: Interfaces.InferredArgs<T['args']>
  /**
   * Every positional argument as this one parse read them (commands with `strict = false` take
   * several). A second this.parse() in a command would read piped stdin as a missing argument.
   */
  protected positionals!: string[]

  public override async init(): Promise<void> {
    await super.init()
    this.refuseSingleDashLongFlags()
    const {args, argv, flags} = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (this.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      // oclif would otherwise read a missing positional argument from piped stdin,
      // swallowing the records of `... | kfk produce -t TOPIC`: stdin is data here.
      args: Object.fromEntries(Object.entries(this.ctor.args ?? {}).map(([name, arg]) => [name, {...arg, ignoreStdin: true}])),
      strict: this.ctor.strict,
    }).catch((error: unknown) => {
      // Whatever parsing refuses is about the command line (oclif's argument parsers throw plain Errors): a usage error.
      if (error instanceof Error && !(error instanceof KfkError) && !('oclif' in error)) Object.assign(error, {oclif: {exit: EXIT.usage}})
      throw error
    })
    this.flags = flags as typeof this.flags
    this.args = args as typeof this.args
    this.positionals = argv as string[]
    process.once('SIGINT', () => {
      this.onInterrupt()
      // The last resort for a command that flushes on Ctrl-C but is held up (a broker that never answers, a
      // phase that does not watch for Ctrl-C): Ctrl-C ends every command with 130, in every phase.
      this.interruptDeadline = setTimeout(() => process.exit(EXIT.interrupted), this.interruptGraceMs).unref()
    })
  }

  /** Ctrl-C: commands that stream override this to flush and leave cleanly. */
  protected onInterrupt(): void {
    process.stderr.write('\n')
    process.exit(EXIT.interrupted)
  }

  /** How long a command's own Ctrl-C handling (onInterrupt) may take before kfk exits 130 anyway. */
  protected interruptGraceMs = 5000
  private interruptDeadline?: NodeJS.Timeout

  /** After Ctrl-C, only output is left to write: let a slow reader have all of it (a second Ctrl-C still ends kfk). */
  protected cancelInterruptDeadline(): void {
    clearTimeout(this.interruptDeadline)
  }

  protected get verbose(): boolean {
    return Boolean(this.flags?.verbose) || this.argv.includes('--verbose')
  }

  /** Data goes to stdout; with --json nothing but the final JSON does. */
  protected out(text: string): void {
    if (!this.jsonEnabled()) process.stdout.write(text.endsWith('\n') ? text : text + '\n')
  }

  /** Progress and diagnostics: stderr, always. */
  protected note(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : text + '\n')
  }

  protected warnLine(text: string): void {
    this.note(`${errColors().yellow('warning:')} ${text}`)
  }

  /** Plain JSON on stdout: stable, uncoloured, one document. */
  override logJson(json: unknown): void {
    process.stdout.write(JSON.stringify(json, null, 2) + '\n')
  }

  /**
   * One line per item on stdout ("created t", "failed u: ..."), except a lone item that failed: its one
   * error line on stderr (failIfAny) says it all, so it is not said twice.
   */
  protected outItems<I>(items: readonly I[], line: (item: I) => string, failed: (item: I) => boolean): void {
    if (items.length === 1 && failed(items[0]!)) return
    for (const item of items) this.out(line(item))
  }

  /**
   * The end of every command that acts on several items (a batch reports each
   * item): when any failed, the --json document still goes out whole, then one
   * error sums up "N of M <what> failed: each (why); succeeded: ..." (a lone
   * item's own error when only one was asked for), and kfk exits 1.
   */
  protected failIfAny<I>(
    document: unknown,
    items: readonly I[],
    describe: {
      what: string
      name: (item: I) => string
      error: (item: I) => string | null | undefined
      hint?: (failed: I[]) => string | undefined
    },
  ): void {
    const failed = items.filter((i) => describe.error(i))
    if (failed.length === 0) return
    if (this.jsonEnabled()) this.logJson(document)
    const ok = items.filter((i) => !describe.error(i)).map(describe.name)
    const lone = failed[0]!
    const message =
      items.length === 1
        ? describe.error(lone)!.includes(describe.name(lone))
          ? describe.error(lone)!
          : `${describe.name(lone)}: ${describe.error(lone)}`
        : `${failed.length} of ${items.length} ${describe.what} failed: ${failed.map((i) => `${describe.name(i)} (${describe.error(i)})`).join('; ')}` +
          (ok.length > 0 ? `; succeeded: ${ok.join(', ')}` : '')
    throw new KfkError(message, {hint: describe.hint?.(failed)})
  }

  protected mapError(error: unknown): KfkError {
    // A KfkError thrown by a flag's parse() reaches here with oclif's "Parsing --flag" wrapping.
    if (error instanceof KfkError)
      return error.message.includes('\n')
        ? new KfkError(oneLine(error.message), {hint: error.hint, exit: error.exit, cause: error.cause})
        : error
    const e = error as {oclif?: {exit?: number}; parse?: unknown; name?: string; message?: string; code?: string}
    if (e?.parse !== undefined || e?.name === 'CLIParseError' || e?.oclif?.exit === 2 || e?.code === 'EEXIT_USAGE') {
      const help = `See: kfk ${this.id?.replaceAll(':', ' ') ?? ''} --help`.trimEnd()
      return new KfkError(oneLine(String(e.message ?? error)), {exit: EXIT.usage, hint: this.flagSuggestion(String(e.message)) + help})
    }
    return new KfkError(e?.message ?? String(error), {cause: error})
  }

  /**
   * `-from-beginning`, `-bootstrap-server x`: the Java tools take a long option after one dash, and
   * oclif would read it as the short flag -f with the value "rom-beginning". Refused with the spelling.
   */
  private refuseSingleDashLongFlags(): void {
    const names = new Set(this.flagNames())
    for (const arg of this.argv) {
      if (arg === '--') break
      const m = /^-([A-Za-z][\w.-]+)(=.*)?$/.exec(arg)
      if (m && names.has(`--${m[1]}`))
        throw new KfkError(`'${arg}' has one dash; long flags take two: --${m[1]}${m[2] ?? ''}`, {
          exit: EXIT.usage,
          hint: `See: kfk ${this.id?.replaceAll(':', ' ') ?? ''} --help`.trimEnd(),
        })
    }
  }

  /** Every long flag of the command, as --name (its own, the global ones, --json). */
  private flagNames(): string[] {
    const ctor = this.ctor as typeof BaseCommand
    const flags = {...ctor.baseFlags, ...ctor.flags} as Record<string, {aliases?: string[]}>
    return [...Object.entries(flags).flatMap(([n, f]) => [n, ...(f.aliases ?? [])]), ...(ctor.enableJsonFlag ? ['json'] : [])].map(
      (n) => `--${n}`,
    )
  }

  /** "did you mean --bootstrap-server? " for a mistyped flag, else nothing. */
  private flagSuggestion(message: string): string {
    const typed = /Nonexistent flags?: (--?[\w.-]+)/.exec(message)?.[1]
    if (!typed) return ''
    const suggestion = closest(typed, this.flagNames())
    return suggestion ? `did you mean ${suggestion}? ` : ''
  }

  public override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<void> {
    // oclif's own exit() (e.g. from --help/--version) is not a failure.
    if (error?.oclif?.exit === 0 || (error as {code?: string}).code === 'EEXIT') throw error
    // Ctrl-C at a prompt (inquirer's ExitPromptError): interrupted, quietly, as Ctrl-C anywhere else.
    if (isPromptInterrupt(error)) {
      process.stderr.write('\n')
      process.exitCode = EXIT.interrupted
      return
    }
    const mapped = this.mapError(error)
    if (mapped.exit === EXIT.interrupted) {
      // Ctrl-C is the user's choice, not a failure: say what it cut short, without "error:".
      process.stderr.write(`${mapped.message}\n`)
      process.exitCode = EXIT.interrupted
      return
    }
    const c = errColors()
    // One line, whatever was typed: a control character in a rejected value is shown escaped, never sent to the terminal.
    process.stderr.write(`${c.red('error:')} ${visible(mapped.message)}\n`)
    if (mapped.hint) process.stderr.write(`${c.dim('hint:')} ${mapped.hint}\n`)
    if (this.verbose && (mapped.cause ?? error)?.constructor) {
      const stack = (mapped.cause as Error | undefined)?.stack ?? error.stack
      if (stack) process.stderr.write(stack + '\n')
    }
    process.exitCode = mapped.exit
  }
}

/**
 * oclif spreads parse errors over lines ("Missing 1 required arg:\nid  Node id",
 * "Parsing --brokers \n\tExpected an integer"): one sentence instead.
 */
function oneLine(message: string): string {
  return (
    message
      .replace(/\nSee more help with --help$/, '')
      .replace(/^Parsing (--[\w-]+)\s*/, '$1: ')
      // oclif's advice on multiple-value flags is about its own parser, not the mistake made.
      .replace(/\s*Note: --[\w.-]+ allows multiple values\.[\s\S]*$/, '')
      .replace(/^The following errors? occurred:\s*/, '')
      .replace(/^Missing (\d+) required args?:/, (_, n: string) => (n === '1' ? 'missing argument:' : `missing ${n} arguments:`))
      .split('\n')
      .map((l) => l.trim().replace(/\s{2,}/g, ' (') + (/\s{2,}/.test(l.trim()) ? ')' : ''))
      .map(exclusiveFlags)
      .filter((l, i, all) => l !== '' && all.indexOf(l) === i)
      .join(' ')
  )
}

/** "--a=true cannot also be provided when using --b" (oclif says it once from each side): "--a and --b cannot be used together". */
function exclusiveFlags(line: string): string {
  const m = /^(--[\w.-]+)(?:=\S*)? cannot also be provided when using (--[\w.-]+)$/.exec(line)
  return m ? `${[m[1], m[2]].sort().join(' and ')} cannot be used together` : line
}

/** Commands that talk to a Kafka cluster: connection flags and a lazily built client. */
export abstract class KafkaCommand<T extends typeof Command> extends BaseCommand<T> {
  static override baseFlags = {
    ...BaseCommand.baseFlags,
    'bootstrap-server': Flags.string({
      char: 'b',
      helpGroup: 'GLOBAL',
      helpValue: 'host:port[,host:port]',
      description: 'Kafka brokers to connect to (env KAFKA_BOOTSTRAP_SERVERS; default localhost:9092).',
    }),
    'command-config': Flags.string({
      helpGroup: 'GLOBAL',
      helpValue: 'FILE',
      aliases: ['admin.config'],
      description:
        'Java client .properties file (bootstrap.servers, client.id, request.timeout.ms, security.protocol, sasl.*, ssl.* with PEM stores); also --admin.config.',
    }),
    'command-property': Flags.string({
      helpGroup: 'GLOBAL',
      helpValue: 'key=value',
      multiple: true,
      description: 'One Java client property (Kafka 4.2+ spelling), as a line of --command-config would set it (repeatable).',
    }),
    timeout: Flags.integer({
      helpGroup: 'GLOBAL',
      helpValue: 'ms',
      description: 'Give up on an unresponsive cluster after this long (default 10000).',
      min: 1,
    }),
    ...connectionSecurityFlags,
  }

  private clientInstance?: KafkaClient
  private settingsInstance?: ConnectionSettings
  /** Commands that only show settings (kfk profile show --resolved) set this. */
  protected explainOnly = false
  /** Brokers a command read from its own options (perf's --producer-props bootstrap.servers), used as if given with -b. */
  protected bootstrapFromOptions?: string
  /** A client properties file a command took under its own name (produce --producer.config), used as if given with --command-config. */
  protected commandConfigFromOptions?: string
  /** The command's own --timeout means something else (perf consume: the wait for records), not the client's. */
  protected timeoutFlagIsOwn = false

  /** --command-config (--admin.config), else a file the command took under its own name. */
  protected get commandConfigFile(): string | undefined {
    return (this.flags['command-config' as keyof typeof this.flags] as string | undefined) ?? this.commandConfigFromOptions
  }

  /** --command-property k=v, as a map. */
  protected get commandProperties(): Record<string, string> {
    return parsePropertyFlags(
      (this.flags['command-property' as keyof typeof this.flags] as string[] | undefined) ?? [],
      '--command-property',
    )
  }

  protected get settings(): ConnectionSettings {
    this.settingsInstance ??= resolveSettings({
      'bootstrap-server': (this.flags['bootstrap-server' as keyof typeof this.flags] as string | undefined) ?? this.bootstrapFromOptions,
      'command-config': this.commandConfigFile,
      'command-property': this.commandProperties,
      timeout: this.timeoutFlagIsOwn ? undefined : (this.flags['timeout' as keyof typeof this.flags] as number | undefined),
      verbose: this.verbose,
      ...pickSecurityFlags(this.flags as Record<string, unknown>),
      explainOnly: this.explainOnly,
    })
    for (const warning of this.settingsInstance.warnings ?? []) this.warnLine(warning)
    return this.settingsInstance
  }

  /** The client, built on first use (kafkajs is loaded only then). */
  protected async client(): Promise<KafkaClient> {
    if (!this.clientInstance) {
      const {KafkaClient} = await import('../core/kafkajs/client.js')
      this.clientInstance = new KafkaClient(this.settings)
    }
    return this.clientInstance
  }

  protected override mapError(error: unknown): KfkError {
    if (error instanceof KfkError) return error
    const base = super.mapError(error)
    if (base.exit === EXIT.usage || !this.clientInstance) return base
    return mapKafkaError(error, this.clientInstance.errorContext)
  }

  public override async finally(error: Error | undefined): Promise<void> {
    if (this.clientInstance) await this.clientInstance.close()
    await super.finally(error)
  }
}
