import {randomBytes} from 'node:crypto'
import {chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {MetadataMode} from './releases.js'
import {KfkError} from '../cli/errors.js'
import {runCollecting} from './process.js'
import type {SecurityProtocol} from '../config/security.js'

/**
 * Secured listeners for a local cluster: a throwaway CA and broker/client
 * certificates made with openssl, one user (PLAIN and SCRAM) with a random
 * password kept in files (0600), never on a command line. The PLAINTEXT
 * listener on BASE.. stays for inter-broker traffic, the controllers stay
 * plaintext on loopback; each secured mode gets its own block of ports.
 */
export const SECURITY_MODES = ['sasl-plaintext', 'sasl-ssl', 'ssl', 'mtls', 'oauthbearer'] as const
export type SecurityMode = (typeof SECURITY_MODES)[number]

interface ListenerSpec {
  name: string
  protocol: SecurityProtocol
  /** Ports of this listener: broker port + offset. */
  offset: number
  clientAuth?: boolean
}

export const LISTENERS: Record<SecurityMode, ListenerSpec> = {
  'sasl-plaintext': {name: 'SASL_PLAINTEXT', protocol: 'SASL_PLAINTEXT', offset: 200},
  'sasl-ssl': {name: 'SASL_SSL', protocol: 'SASL_SSL', offset: 300},
  ssl: {name: 'SSL', protocol: 'SSL', offset: 400},
  mtls: {name: 'MTLS', protocol: 'SSL', offset: 500, clientAuth: true},
  // OAUTHBEARER with Kafka's unsecured token validation: any well-formed token is believed (for trying clients, never for data).
  oauthbearer: {name: 'OAUTHBEARER', protocol: 'SASL_PLAINTEXT', offset: 600},
}

/** The mechanism a cluster's profile and client files use; the brokers accept all three. */
export const LOCAL_SASL_MECHANISM = 'SCRAM-SHA-256'
export const LOCAL_USER = 'kfk'

export interface ClusterSecurity {
  modes: SecurityMode[]
  /** cluster up --authorizer: StandardAuthorizer on, these principals super users, everyone else needs ACLs. */
  authorizer?: {superUsers: string[]}
  dir: string
  username: string
  passwordFile: string
  caFile: string
  brokerKeystore: string
  clientCertFile: string
  clientKeyFile: string
  /** The SASL mechanism clients use (default SCRAM-SHA-256); PLAIN where the cluster keeps no SCRAM users (KRaft before 3.5). */
  saslMechanism?: 'PLAIN'
}

/** --security MODE[,MODE]; "authorizer" among them is the same as --authorizer. */
export function parseSecurityModes(text: string): {modes: SecurityMode[]; authorizer: boolean} {
  const words = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
  const modes = words.filter((w) => w !== 'authorizer')
  for (const m of modes) {
    if (!(SECURITY_MODES as readonly string[]).includes(m)) {
      throw new KfkError(`--security ${m} is not a known mode`, {
        exit: 2,
        hint: `Use one or more of ${SECURITY_MODES.join(', ')}, authorizer (comma-separated).`,
      })
    }
  }
  if (words.length === 0) throw new KfkError('--security is empty', {exit: 2, hint: `Use one or more of ${SECURITY_MODES.join(', ')}.`})
  return {modes: [...new Set(modes)] as SecurityMode[], authorizer: words.includes('authorizer')}
}

export function listenerOffsets(modes: readonly SecurityMode[]): number[] {
  return modes.map((m) => LISTENERS[m].offset)
}

/**
 * The listeners of `cluster up [--security MODES] [--authorizer]`. An authorizer
 * needs identities: the brokers talk to each other and to the controllers as
 * the super user over SASL (PLAIN), so the sasl-plaintext listener is added
 * when missing (first when no mode was asked for).
 */
export function securityModes(asked: SecurityMode[] | undefined, authorizer: boolean): SecurityMode[] | undefined {
  if (!authorizer || asked?.includes('sasl-plaintext')) return asked
  return [...(asked ?? []), 'sasl-plaintext']
}

/** The principals an authorizer cluster trusts with everything: the SASL user, and the same user by client certificate. */
export function superUsers(username = LOCAL_USER): string[] {
  return [`User:${username}`, `User:CN=${username}`]
}

/** Makes the CA, certificates and the password file in `dir`. */
export async function provisionSecurity(dir: string, modes: SecurityMode[], host: string, authorizer = false): Promise<ClusterSecurity> {
  mkdirSync(dir, {recursive: true, mode: 0o700})
  const sec: ClusterSecurity = {
    modes,
    ...(authorizer ? {authorizer: {superUsers: superUsers()}} : {}),
    dir,
    username: LOCAL_USER,
    passwordFile: join(dir, `${LOCAL_USER}.password`),
    caFile: join(dir, 'ca.pem'),
    brokerKeystore: join(dir, 'broker.pem'),
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client.key'),
  }
  writeFileSync(sec.passwordFile, randomBytes(18).toString('base64url') + '\n', {mode: 0o600})
  const caKey = join(dir, 'ca.key')
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  await openssl(
    [
      'req',
      '-x509',
      ...key,
      '-keyout',
      caKey,
      '-out',
      sec.caFile,
      '-days',
      '3650',
      '-subj',
      `/CN=kfk local CA ${randomBytes(4).toString('hex')}`,
    ],
    dir,
  )
  // The broker certificate names the address the brokers advertise (IP SAN), nothing else.
  await issue(dir, 'broker', `/CN=${host}`, `subjectAltName=IP:${host}\nextendedKeyUsage=serverAuth,clientAuth\n`, sec.caFile, caKey)
  writeFileSync(sec.brokerKeystore, readFileSync(join(dir, 'broker.key'), 'utf8') + readFileSync(join(dir, 'broker.crt'), 'utf8'), {
    mode: 0o600,
  })
  await issue(dir, 'client', `/CN=${LOCAL_USER}`, 'extendedKeyUsage=clientAuth\n', sec.caFile, caKey)
  writeFileSync(sec.clientCertFile, readFileSync(join(dir, 'client.crt'), 'utf8'))
  for (const f of [caKey, join(dir, 'broker.key'), sec.clientKeyFile]) chmodSync(f, 0o600)
  return sec
}

async function issue(dir: string, name: string, subject: string, extensions: string, ca: string, caKey: string): Promise<void> {
  const ext = join(dir, `${name}.ext`)
  writeFileSync(ext, extensions)
  await openssl(
    [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      join(dir, `${name}.csr`),
      '-subj',
      subject,
    ],
    dir,
  )
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      join(dir, `${name}.csr`),
      '-CA',
      ca,
      '-CAkey',
      caKey,
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-out',
      join(dir, `${name}.crt`),
      '-days',
      '825',
      '-extfile',
      ext,
    ],
    dir,
  )
  for (const f of [ext, join(dir, `${name}.csr`)]) rmSync(f, {force: true})
}

async function openssl(args: string[], cwd: string): Promise<void> {
  const {code, output, spawnError} = await runCollecting('openssl', args, cwd)
  if (spawnError) {
    throw new KfkError(`cannot run openssl (${spawnError.code ?? spawnError})`, {
      hint: 'Install openssl to make certificates for --security, or use --security sasl-plaintext.',
    })
  }
  if (code !== 0) throw new KfkError(`openssl ${args[0]} failed (exit ${code})`, {hint: output.trim().split('\n').slice(-3).join('\n')})
}

export function readPassword(sec: ClusterSecurity): string {
  return readFileSync(sec.passwordFile, 'utf8').trim()
}

/** Listener entries (name, protocol, port) a node adds for its secured modes. */
export function nodeListeners(
  sec: ClusterSecurity | undefined,
  brokerPort: number,
): Array<{name: string; protocol: SecurityProtocol; port: number}> {
  return (sec?.modes ?? []).map((m) => ({name: LISTENERS[m].name, protocol: LISTENERS[m].protocol, port: brokerPort + LISTENERS[m].offset}))
}

/** server.properties lines for the secured listeners (the file holds the PLAIN password: written 0600). */
export function securityServerProperties(sec: ClusterSecurity, mode: MetadataMode = 'kraft'): Array<[string, string]> {
  const props: Array<[string, string]> = []
  const sasl = sec.modes.filter((m) => m.startsWith('sasl-'))
  if (sasl.length > 0) {
    const password = readPassword(sec)
    props.push(['sasl.enabled.mechanisms', 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512'])
    for (const m of sasl) {
      const prefix = `listener.name.${LISTENERS[m].name.toLowerCase()}`
      props.push(
        [`${prefix}.plain.sasl.jaas.config`, plainJaas(sec.username, password)],
        [`${prefix}.scram-sha-256.sasl.jaas.config`, 'org.apache.kafka.common.security.scram.ScramLoginModule required;'],
        [`${prefix}.scram-sha-512.sasl.jaas.config`, 'org.apache.kafka.common.security.scram.ScramLoginModule required;'],
      )
    }
  }
  if (sec.modes.some((m) => LISTENERS[m].protocol.endsWith('SSL'))) {
    props.push(
      ['ssl.keystore.type', 'PEM'],
      ['ssl.keystore.location', sec.brokerKeystore],
      ['ssl.truststore.type', 'PEM'],
      ['ssl.truststore.location', sec.caFile],
    )
  }
  if (sec.modes.includes('mtls')) props.push(['listener.name.mtls.ssl.client.auth', 'required'])
  if (sec.modes.includes('oauthbearer'))
    props.push(
      ['listener.name.oauthbearer.sasl.enabled.mechanisms', 'OAUTHBEARER'],
      [
        'listener.name.oauthbearer.oauthbearer.sasl.jaas.config',
        `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="${sec.username}";`,
      ],
    )
  if (sec.authorizer && mode === 'zookeeper') {
    // ZooKeeper mode's authorizer keeps the ACLs in ZooKeeper; the brokers log in to each other as the super user with PLAIN.
    props.push(
      ['authorizer.class.name', 'kafka.security.authorizer.AclAuthorizer'],
      ['allow.everyone.if.no.acl.found', 'false'],
      ['super.users', sec.authorizer.superUsers.join(';')],
      ['sasl.mechanism.inter.broker.protocol', 'PLAIN'],
    )
  } else if (sec.authorizer) {
    // KRaft's own authorizer; the brokers and controllers log in to each other as the super user with PLAIN.
    const password = readPassword(sec)
    props.push(
      ['authorizer.class.name', 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'],
      ['allow.everyone.if.no.acl.found', 'false'],
      ['super.users', sec.authorizer.superUsers.join(';')],
      ['sasl.mechanism.inter.broker.protocol', 'PLAIN'],
      ['sasl.mechanism.controller.protocol', 'PLAIN'],
      ['listener.name.controller.sasl.enabled.mechanisms', 'PLAIN'],
      ['listener.name.controller.plain.sasl.jaas.config', plainJaas(sec.username, password)],
    )
  }
  return props
}

/** PLAIN's JAAS line: the user the brokers accept, and the same user as this node's own login to its peers. */
function plainJaas(username: string, password: string): string {
  return `org.apache.kafka.common.security.plain.PlainLoginModule required username="${username}" password="${password}" user_${username}="${password}";`
}

/** With an authorizer, inter-broker and controller traffic authenticates (SASL PLAIN); otherwise it stays plaintext. */
export function internalListeners(sec: ClusterSecurity | undefined): {interBroker: string; controllerProtocol: SecurityProtocol} {
  return sec?.authorizer
    ? {interBroker: LISTENERS['sasl-plaintext'].name, controllerProtocol: 'SASL_PLAINTEXT'}
    : {interBroker: 'PLAINTEXT', controllerProtocol: 'PLAINTEXT'}
}

/**
 * StorageTool arguments that create the SCRAM users at format time. They go
 * into a java @argfile (0600, deleted after use), so the password never shows
 * in a process listing.
 */
export function scramFormatArgs(sec: ClusterSecurity): string[] {
  if (!sec.modes.some((m) => m.startsWith('sasl-'))) return []
  const password = readPassword(sec)
  return ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((mech) => ['--add-scram', `${mech}=[name=${sec.username},password=${password}]`])
}

/** One java @argfile line per argument, quoted as the launcher expects. */
export function argfile(args: string[]): string {
  return args.map((a) => `"${a.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join('\n') + '\n'
}

/**
 * Runs a Kafka tool whose arguments carry a secret (a SCRAM password): they go
 * in a java @argfile (0600, deleted after the run), never in a process listing.
 */
export function runJavaWithSecret(
  java: string,
  jvmOptions: string[],
  args: string[],
  argsFile: string,
): Promise<{code: number; output: string}> {
  writeFileSync(argsFile, argfile(args), {mode: 0o600})
  return runCollecting(java, [...jvmOptions, `@${argsFile}`]).finally(() => rmSync(argsFile, {force: true}))
}

/** What a client needs to connect to each secured listener: kfk profile keys and the settings shown by cluster up/status. */
export interface ListenerClient {
  mode: SecurityMode
  securityProtocol: SecurityProtocol
  bootstrapServers: string
  saslMechanism?: string
  username?: string
  passwordFile?: string
  caFile?: string
  certFile?: string
  keyFile?: string
}

export function listenerClients(sec: ClusterSecurity, host: string, brokerPorts: number[]): ListenerClient[] {
  return sec.modes.map((mode) => {
    const spec = LISTENERS[mode]
    const client: ListenerClient = {
      mode,
      securityProtocol: spec.protocol,
      bootstrapServers: brokerPorts.map((p) => `${host}:${p + spec.offset}`).join(','),
    }
    if (mode === 'oauthbearer') Object.assign(client, {saslMechanism: 'OAUTHBEARER', username: sec.username})
    else if (spec.protocol.startsWith('SASL_'))
      Object.assign(client, {
        saslMechanism: sec.saslMechanism ?? LOCAL_SASL_MECHANISM,
        username: sec.username,
        passwordFile: sec.passwordFile,
      })
    if (spec.protocol.endsWith('SSL')) client.caFile = sec.caFile
    if (spec.clientAuth) Object.assign(client, {certFile: sec.clientCertFile, keyFile: sec.clientKeyFile})
    return client
  })
}

/** kfk profile keys for one listener. */
export function profileKeys(client: ListenerClient): Record<string, string> {
  const keys: Record<string, string> = {'bootstrap.servers': client.bootstrapServers, 'security.protocol': client.securityProtocol}
  if (client.saslMechanism === 'OAUTHBEARER')
    Object.assign(keys, {'sasl.mechanism': 'OAUTHBEARER', 'sasl.oauthbearer.unsecured.subject': client.username})
  else if (client.saslMechanism)
    Object.assign(keys, {
      'sasl.mechanism': client.saslMechanism,
      'sasl.username': client.username,
      'sasl.password.file': client.passwordFile,
    })
  if (client.caFile) keys['ssl.ca.location'] = client.caFile
  if (client.certFile) Object.assign(keys, {'ssl.certificate.location': client.certFile, 'ssl.key.location': client.keyFile})
  return keys
}
