import assert from 'node:assert/strict'
import {test} from 'node:test'
import {PRODUCER_DEFAULTS, producerSettings} from '../../../../src/core/produce/settings.js'

test('defaults are the Java producer timeouts with acks all', () => {
  assert.deepEqual(producerSettings({}, {}), PRODUCER_DEFAULTS)
  assert.equal(PRODUCER_DEFAULTS.deliveryTimeoutMs, 120_000)
})

test('Java property names are read; a flag wins over a property', () => {
  const s = producerSettings(
    {lingerMs: 7},
    {
      acks: '1',
      'linger.ms': '50',
      'delivery.timeout.ms': '60000',
      'request.timeout.ms': '5000',
      'max.in.flight.requests.per.connection': '2',
      'compression.type': 'zstd',
    },
  )
  assert.deepEqual(s, {
    ...PRODUCER_DEFAULTS,
    acks: 1,
    lingerMs: 7,
    deliveryTimeoutMs: 60_000,
    requestTimeoutMs: 5000,
    maxInFlight: 2,
    compression: 'zstd',
  })
})

test('bad values name the setting and the value', () => {
  assert.throws(() => producerSettings({}, {acks: '2'}), /acks "2" must be all, -1, 1 or 0/)
  assert.throws(() => producerSettings({maxInFlight: 9}, {}), /--max-in-flight "9" must be a whole number from 1 to 5/)
  assert.throws(() => producerSettings({}, {'compression.type': 'brotli'}), /compression.type "brotli"/)
  assert.throws(() => producerSettings({deliveryTimeoutMs: 1000}, {}), /delivery timeout 1000 ms must be at least linger/)
})
