/**
 * Polling for a fact the cluster reaches in its own time (a group settles, an
 * ISR heals, a consumer prints its first records).
 */

export interface UntilOptions {
  /** Time between probes (ms); default 300. */
  intervalMs?: number
  /**
   * A probe that throws counts as "not yet", and the last error goes into the
   * timeout's message; by default a throw ends the wait at once.
   */
  retryErrors?: boolean
}

/**
 * Calls `probe` until it returns something other than undefined, and returns
 * that; throws "timed out waiting for <what>" after `timeoutMs` (default 60 s).
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  {intervalMs = 300, retryErrors = false}: UntilOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (e) {
      if (!retryErrors) throw e
      last = e
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
