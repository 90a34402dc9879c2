import {KfkError} from '../../cli/errors.js'

/**
 * Bytes from the wire that cannot be what they claim (a length past the end, a
 * CRC-32C that does not match, a count the bytes cannot hold). One line that
 * names where, so a user can skip past it with --offset or report it; never a
 * retry, since the same bytes come back every time.
 */
export class CorruptRecordsError extends KfkError {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: bigint | number,
    readonly reason: string,
  ) {
    super(`corrupt record batch in topic "${topic}" partition ${partition} at offset ${offset}: ${reason}`, {
      hint: `The broker sent bytes that fail Kafka's checks; to read past them: kfk consume ${topic} -p ${partition} --offset N (a later offset)`,
    })
    this.name = 'CorruptRecordsError'
  }
}

/** A bounds or format failure inside a buffer; the batch decoder adds topic, partition and offset. */
export class MalformedBytes extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'MalformedBytes'
  }
}

/** A protocol response whose framing does not hold together (not retried: it is the same bytes again). */
export class CorruptResponseError extends KfkError {
  constructor(api: string, reason: string) {
    super(`corrupt ${api} response from the broker: ${reason}`)
    this.name = 'CorruptResponseError'
  }
}
