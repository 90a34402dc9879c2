import {KfkError} from '../../cli/errors.js'
import {apiName, apiWithRelease} from '../protocol/api-names.js'
import type {BrokerConnection, ProtocolRequest} from './types.js'

/**
 * sendVersioned's refusal: the broker lacks the API (an older release), or
 * offers no version kfk implements. One line naming the API and the release
 * that brought it, never a bare API key.
 */
export class UnsupportedApi extends KfkError {
  constructor(
    readonly apiKey: number,
    readonly offered?: {minVersion: number; maxVersion: number},
    kfkVersions: number[] = [],
  ) {
    super(
      offered
        ? `this cluster offers ${apiName(apiKey)} v${offered.minVersion}-v${offered.maxVersion}, and kfk speaks v${kfkVersions.join(', v')} of it`
        : `this cluster does not offer ${apiWithRelease(apiKey)}`,
      {hint: 'Its brokers run an older Kafka release; `kfk cluster api-versions` lists what they offer.'},
    )
  }
}

/** Whether an error is sendVersioned's refusal: the broker lacks the API, or has no version kfk implements. */
export function isUnsupportedApi(error: unknown): boolean {
  return error instanceof UnsupportedApi
}

/** Sends a request on a broker with the highest version both sides implement. */
export async function sendVersioned<T>(
  broker: BrokerConnection,
  apiKey: number,
  definition: {versions: number[]; protocol: (args: {version: number}) => ProtocolRequest<T>},
): Promise<T> {
  const range = broker.versions?.[apiKey]
  if (!range) throw new UnsupportedApi(apiKey)
  const candidates = definition.versions.filter((v) => v >= range.minVersion && v <= range.maxVersion)
  if (candidates.length === 0)
    throw new UnsupportedApi(
      apiKey,
      range,
      [...definition.versions].sort((a, b) => a - b),
    )
  return broker.connectionPool.send(definition.protocol({version: Math.max(...candidates)}))
}
