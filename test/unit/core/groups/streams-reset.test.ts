import assert from 'node:assert/strict'
import {test} from 'node:test'
import {isInternalTopicOf} from '../../../../src/core/groups/streams-reset.js'

test("an application's internal topics are named as Kafka Streams names them (StreamsResetter's rule)", () => {
  for (const t of [
    'wc-KSTREAM-AGGREGATE-STATE-STORE-0000000004-changelog',
    'wc-KSTREAM-AGGREGATE-STATE-STORE-0000000004-repartition',
    'wc-counts-changelog',
    'wc-join-subscription-registration-topic',
    'wc-join-subscription-response-topic',
    'wc-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic',
    'wc-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000012-topic',
  ])
    assert.ok(isInternalTopicOf('wc', t), t)
  for (const t of [
    'wc', // the application id alone
    'lines', // an input topic
    'other-KSTREAM-AGGREGATE-STATE-STORE-0000000004-changelog', // another application's
    'wc2-counts-changelog', // an application whose id starts alike
    'wc-changelog-archive', // the suffix elsewhere
  ])
    assert.ok(!isInternalTopicOf('wc', t), t)
})
