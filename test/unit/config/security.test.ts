import assert from 'node:assert/strict'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {buildSecurity, parseJaasConfig, securityFromProperties} from '../../../src/config/security.js'
import {parseProperties} from '../../../src/config/properties.js'
import {KfkError} from '../../../src/cli/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'kfk-sec-unit-'))
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
after(() => rmSync(dir, {recursive: true, force: true}))
const caFile = join(dir, 'ca.pem')
writeFileSync(caFile, PEM)

test('parseJaasConfig reads the module, flag and quoted options as Java writes them', () => {
  const jaas = parseJaasConfig(
    'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="pa ss\\"word;x";',
  )
  assert.equal(jaas.loginModule, 'org.apache.kafka.common.security.scram.ScramLoginModule')
  assert.equal(jaas.flag, 'required')
  assert.deepEqual(jaas.options, {username: 'alice', password: 'pa ss"word;x'})
})

test('parseJaasConfig accepts unquoted values and extra whitespace', () => {
  const jaas = parseJaasConfig('  org.apache.kafka.common.security.plain.PlainLoginModule   REQUIRED\n username=bob  password=secret ;')
  assert.deepEqual(jaas.options, {username: 'bob', password: 'secret'})
})

test('parseJaasConfig rejects a missing control flag and a missing ";"', () => {
  assert.throws(() => parseJaasConfig('PlainLoginModule username="a";'), /control flag/)
  assert.throws(() => parseJaasConfig('PlainLoginModule required username="a"'), /closing ";"/)
  assert.throws(() => parseJaasConfig('PlainLoginModule required username="a;'), /unterminated/)
})

test('Java client properties map to security keys (SASL_SSL, SCRAM, PEM truststore)', () => {
  const props = parseProperties(
    [
      'security.protocol=SASL_SSL',
      'sasl.mechanism=SCRAM-SHA-512',
      'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\',
      '    username="alice" password="alice-secret";',
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${caFile}`,
      'ssl.endpoint.identification.algorithm=',
      'acks=all',
    ].join('\n'),
  )
  assert.deepEqual(securityFromProperties(props), {
    'security.protocol': 'SASL_SSL',
    'sasl.mechanism': 'SCRAM-SHA-512',
    'sasl.username': 'alice',
    'sasl.password': 'alice-secret',
    'ssl.ca.location': caFile,
    'ssl.verify.hostname': 'false',
  })
})

test('a PEM keystore and inline PEM certificates map to the client certificate and key', () => {
  const keys = securityFromProperties({
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': '/k/client.pem',
    'ssl.truststore.certificates': PEM,
    'ssl.key.password': 'kp',
  })
  assert.equal(keys['ssl.certificate.location'], '/k/client.pem')
  assert.equal(keys['ssl.key.location'], '/k/client.pem')
  assert.equal(keys['ssl.ca.pem'], PEM)
  assert.equal(keys['ssl.key.password'], 'kp')
})

test('a JKS truststore is named, with a hint to convert it to PEM', () => {
  const error = (() => {
    try {
      securityFromProperties({'ssl.truststore.location': '/etc/kafka/truststore.jks', 'ssl.truststore.password': 'x'})
    } catch (e) {
      return e as KfkError
    }
  })()
  assert.ok(error instanceof KfkError)
  assert.match(error.message, /ssl\.truststore\.location.*JKS truststore.*PEM/)
  assert.match(error.hint ?? '', /keytool -list -rfc -keystore \/etc\/kafka\/truststore\.jks/)
  assert.throws(() => securityFromProperties({'ssl.keystore.type': 'PKCS12', 'ssl.keystore.location': '/k.p12'}), /PKCS12 keystore/)
})

test('unsupported login modules and mechanisms are named', () => {
  assert.throws(
    () => securityFromProperties({'sasl.jaas.config': 'com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;'}),
    /Krb5LoginModule is not supported/,
  )
  assert.throws(
    () => buildSecurity({'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'GSSAPI', 'sasl.username': 'u', 'sasl.password': 'p'}),
    /GSSAPI/,
  )
  assert.throws(() => buildSecurity({'security.protocol': 'TLS'}), /security.protocol "TLS"/)
})

test('buildSecurity: SASL password from env var or file, never enumerable', () => {
  const pwFile = join(dir, 'pw')
  writeFileSync(pwFile, 'from-file\n')
  const fromFile = buildSecurity({
    'security.protocol': 'SASL_PLAINTEXT',
    'sasl.mechanism': 'scram-sha-256',
    'sasl.username': 'alice',
    'sasl.password.file': pwFile,
  })
  assert.equal(fromFile.sasl?.password, 'from-file')
  assert.equal(fromFile.sasl?.mechanism, 'SCRAM-SHA-256')
  assert.ok(!JSON.stringify(fromFile).includes('from-file'))
  const fromEnv = buildSecurity({'sasl.username': 'alice', 'sasl.password.env': 'PW_VAR'}, {PW_VAR: 'from-env'})
  assert.equal(fromEnv.protocol, 'SASL_PLAINTEXT')
  assert.equal(fromEnv.sasl?.mechanism, 'PLAIN')
  assert.equal(fromEnv.sasl?.password, 'from-env')
  assert.throws(() => buildSecurity({'sasl.username': 'alice', 'sasl.password.env': 'UNSET_VAR'}, {}), /UNSET_VAR is not set/)
  assert.throws(() => buildSecurity({'security.protocol': 'SASL_SSL', 'sasl.username': 'alice'}, {}), /needs a password/)
})

test('buildSecurity: TLS reads the CA, verifies host names by default, and needs cert and key together', () => {
  const tls = buildSecurity({'ssl.ca.location': caFile})
  assert.equal(tls.protocol, 'SSL')
  assert.equal(tls.tls?.ca, PEM)
  assert.equal(tls.tls?.verifyHostname, true)
  assert.equal(tls.tls?.insecure, false)
  assert.equal(buildSecurity({'security.protocol': 'SSL', 'ssl.verify.hostname': 'false'}).tls?.verifyHostname, false)
  assert.throws(() => buildSecurity({'security.protocol': 'SSL', 'ssl.certificate.location': caFile}), /needs its private key/)
  assert.throws(() => buildSecurity({'security.protocol': 'SSL', 'ssl.ca.location': join(dir, 'missing.pem')}), /no such file/)
  const notPem = join(dir, 'der')
  writeFileSync(notPem, Buffer.from([0x30, 0x82]))
  assert.throws(() => buildSecurity({'security.protocol': 'SSL', 'ssl.ca.location': notPem}), /is not PEM/)
})

test('a malformed or unsupported sasl.jaas.config never echoes the password in the error', () => {
  const secret = 'S3cr3t-Pw'
  const lines = [
    `org.apache.kafka.common.security.plain.PlainLoginModule requird username="u" password="${secret}";`,
    `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password "${secret}";`,
    `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${secret}"`,
    `com.example.CustomLoginModule required username="u" password="${secret}";`,
  ]
  for (const line of lines) {
    assert.throws(
      () => securityFromProperties({'sasl.jaas.config': line}),
      (e: unknown) => e instanceof KfkError && !`${e.message} ${e.hint ?? ''}`.includes(secret),
      line,
    )
  }
})
