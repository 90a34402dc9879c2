import type {HangingTransaction, ProducerState, TransactionDescription, TransactionListing} from '../../core/transactions/transactions.js'

export const LIST_HEAD = ['transactional id', 'coordinator', 'producer id', 'state']

export function listRows(listed: readonly TransactionListing[]): string[][] {
  return listed.map((t) => [t.transactionalId, String(t.coordinator), t.producerId, t.state])
}

export const DESCRIBE_HEAD = [
  'coordinator',
  'transactional id',
  'producer id',
  'epoch',
  'state',
  'timeout ms',
  'start time',
  'duration ms',
  'partitions',
]

export function describeRows(t: TransactionDescription): string[][] {
  return [
    [
      String(t.coordinatorId),
      t.transactionalId,
      t.producerId,
      String(t.producerEpoch),
      t.state,
      String(t.timeoutMs),
      t.startTimeMs === null ? 'None' : new Date(t.startTimeMs).toISOString(),
      t.durationMs === null ? 'None' : String(t.durationMs),
      t.partitions.join(','),
    ],
  ]
}

export const PRODUCERS_HEAD = [
  'producer id',
  'epoch',
  'coordinator epoch',
  'last sequence',
  'last timestamp',
  'open transaction start offset',
]

export function producerRows(producers: readonly ProducerState[]): string[][] {
  return producers.map((p) => [
    p.producerId,
    String(p.producerEpoch),
    String(p.coordinatorEpoch),
    String(p.lastSequence),
    p.lastTimestamp < 0 ? '-' : new Date(p.lastTimestamp).toISOString(),
    p.currentTransactionStartOffset === null ? 'None' : String(p.currentTransactionStartOffset),
  ])
}

export const HANGING_HEAD = [
  'topic',
  'partition',
  'producer id',
  'epoch',
  'coordinator epoch',
  'start offset',
  'last timestamp',
  'minutes',
  'why',
]

export function hangingRows(hanging: readonly HangingTransaction[]): string[][] {
  return hanging.map((h) => [
    h.topic,
    String(h.partition),
    h.producerId,
    String(h.producerEpoch),
    String(h.coordinatorEpoch),
    String(h.startOffset),
    new Date(h.lastTimestamp).toISOString(),
    String(h.durationMinutes),
    h.reason === 'partition-not-in-transaction'
      ? `not in transaction ${h.transactionalId}`
      : h.transactionalId
        ? `its coordinator does not know ${h.transactionalId}`
        : 'no coordinator knows the producer',
  ])
}
