import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {createServer} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {jwtExpiry, jwtSubject, OAuthTokenProvider, unsecuredToken} from '../../../src/config/oauth-token.js'
import {buildSecurity, displayValue, securityFromProperties} from '../../../src/config/security.js'
import {KfkError} from '../../../src/cli/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'kfk-oauth-unit-'))
after(() => rmSync(dir, {recursive: true, force: true}))

test('an unsecured token is header {"alg":"none"}, claims sub/iat/exp, empty signature', () => {
  const token = unsecuredToken('alice', 60_000, 1_700_000_000_000)
  const [header, , signature] = token.split('.')
  assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), {alg: 'none'})
  assert.equal(signature, '')
  assert.equal(jwtSubject(token), 'alice')
  assert.equal(jwtExpiry(token), 1_700_000_060_000)
  assert.equal(jwtExpiry('not-a-jwt'), undefined)
})

test('a token command runs once per token, again at 80% of its lifetime; a failure is named without its output', async () => {
  const counter = join(dir, 'runs')
  // exp has whole seconds: a 3 s token has 2-3 s left, so it is refreshed 1.6-2.4 s after it was fetched.
  const short = unsecuredToken('bob', 3000)
  const provider = new OAuthTokenProvider({command: `echo run >> ${counter}; printf '%s' '${short}'`}, 5000)
  assert.equal((await provider.provide()).value, short)
  assert.equal((await provider.provide()).value, short)
  assert.equal(readFileSync(counter, 'utf8').trim().split('\n').length, 1)
  await new Promise((r) => setTimeout(r, 2500))
  await provider.provide()
  assert.equal(readFileSync(counter, 'utf8').trim().split('\n').length, 2)
  assert.equal(provider.subject, 'bob')

  const failing = new OAuthTokenProvider({command: "printf 'secret-token-text'; echo 'no session' >&2; exit 3"}, 5000)
  await assert.rejects(failing.provide(), (e: unknown) => {
    assert.ok(e instanceof KfkError)
    assert.match(e.message, /token command failed \(exit 3\)/)
    assert.match(e.hint ?? '', /no session/)
    assert.ok(!`${e.message}${e.hint}`.includes('secret-token-text'))
    return true
  })
})

test('client credentials: Basic auth and grant_type to the token endpoint, token and expires_in from the answer', async () => {
  const seen: Array<{auth?: string; body: string}> = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      seen.push({auth: req.headers.authorization, body})
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({access_token: 'opaque-token', token_type: 'bearer', expires_in: 300}))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as {port: number}).port
  try {
    const keys = securityFromProperties({
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'OAUTHBEARER',
      'sasl.oauthbearer.token.endpoint.url': `http://127.0.0.1:${port}/token`,
      'sasl.login.callback.handler.class': 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
      'sasl.jaas.config':
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="app" clientSecret="s3c/r+t=" scope="kafka";',
    })
    const security = buildSecurity({...keys, 'security.protocol': 'SASL_PLAINTEXT'})
    assert.equal(security.sasl?.mechanism, 'OAUTHBEARER')
    assert.ok(!JSON.stringify(security).includes('s3c/r+t='), 'the client secret is not enumerable')
    const provider = new OAuthTokenProvider(security.sasl!.oauth!, 5000)
    assert.deepEqual(await provider.provide(), {value: 'opaque-token'})
    // As Java by default: the id and secret as they are, not URL-encoded.
    assert.equal(seen[0]!.auth, `Basic ${Buffer.from('app:s3c/r+t=').toString('base64')}`)
    assert.equal(seen[0]!.body, 'grant_type=client_credentials&scope=kafka')
    const encoded = new OAuthTokenProvider(buildSecurity({...keys, 'sasl.oauthbearer.header.urlencode': 'true'}).sasl!.oauth!, 5000)
    await encoded.provide()
    assert.equal(seen[1]!.auth, `Basic ${Buffer.from('app:s3c%2Fr%2Bt%3D').toString('base64')}`)
  } finally {
    server.close()
  }
})

test('OAUTHBEARER without a token source is a usage error naming the choices', () => {
  assert.throws(
    () => buildSecurity({'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'OAUTHBEARER'}),
    (e: unknown) => e instanceof KfkError && e.exit === 2 && /needs a token source/.test(e.message),
  )
})

test('concurrent connections share one token fetch; a hanging pipeline is killed whole at the timeout', async () => {
  const counter = join(dir, 'concurrent')
  const provider = new OAuthTokenProvider({command: `sleep 0.2; echo run >> ${counter}; printf '%s' '${unsecuredToken('dan')}'`}, 5000)
  await Promise.all([provider.provide(), provider.provide(), provider.provide()])
  assert.equal(readFileSync(counter, 'utf8').trim().split('\n').length, 1)

  const started = Date.now()
  const hanging = new OAuthTokenProvider({command: 'sleep 30 | cat'}, 500)
  await assert.rejects(hanging.provide(), (e: unknown) => e instanceof KfkError && /no token within 500 ms/.test(e.message))
  assert.ok(Date.now() - started < 5000, 'the pipeline did not keep kfk waiting')
})

test('Java OAUTHBEARER properties: no URL-encoding of the client id and secret unless asked; extension_ options become SASL extensions', () => {
  const jaas = (extra: string) =>
    `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="a+b" clientSecret="c/d=" ${extra};`
  const base = {
    'security.protocol': 'SASL_PLAINTEXT',
    'sasl.mechanism': 'OAUTHBEARER',
    'sasl.oauthbearer.token.endpoint.url': 'http://idp/token',
  }
  const plain = buildSecurity(
    securityFromProperties({...base, 'sasl.jaas.config': jaas('extension_logicalCluster="lkc-1" extension_identityPoolId="pool-2"')}),
  )
  assert.equal(plain.sasl!.oauth!.endpoint!.urlencode, false)
  assert.deepEqual(plain.sasl!.oauth!.extensions, {logicalCluster: 'lkc-1', identityPoolId: 'pool-2'})
  const encoded = buildSecurity(
    securityFromProperties({...base, 'sasl.oauthbearer.header.urlencode': 'true', 'sasl.jaas.config': jaas('')}),
  )
  assert.equal(encoded.sasl!.oauth!.endpoint!.urlencode, true)
})

test('a token command alone means SASL OAUTHBEARER, and is shown masked (it may carry a credential)', () => {
  assert.equal(displayValue('sasl.oauthbearer.token.command', 'get-token --secret x'), '****')
  const security = buildSecurity({'sasl.oauthbearer.token.command': 'print-token'})
  assert.equal(security.protocol, 'SASL_PLAINTEXT')
  assert.equal(security.sasl!.mechanism, 'OAUTHBEARER')
  assert.equal(security.sasl!.oauth!.command, 'print-token')
})
