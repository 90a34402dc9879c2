/**
 * Progress on stderr: one live, rewritten line on a terminal; plain lines
 * otherwise (so logs and CI output stay readable).
 */
export interface ProgressLine {
  (line: string): void
  done(): void
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressLine {
  const live = Boolean(stream.isTTY)
  let shown = false
  const update = ((line: string) => {
    if (quiet) return
    if (live) {
      stream.write(`\r\u001B[K${line}`)
      shown = true
    } else {
      stream.write(line + '\n')
    }
  }) as ProgressLine
  update.done = () => {
    if (live && shown) stream.write('\r\u001B[K')
    shown = false
  }
  return update
}

/** `show`, at most once each `ms` (the first call shows): for progress reported per batch. */
export function atMostEvery<T>(ms: number, show: (value: T) => void, now: () => number = Date.now): (value: T) => void {
  let shownAt = 0
  return (value) => {
    if (now() - shownAt < ms) return
    shownAt = now()
    show(value)
  }
}

/** "1200 records, 51200 bytes in 1.20 s (1000 records/s)": the end line of produce and consume. */
export function throughput(records: number, bytes: number, seconds: number): string {
  const rate = Math.round(records / Math.max(seconds, 0.001))
  return `${records} record${records === 1 ? '' : 's'}, ${bytes} bytes in ${seconds.toFixed(2)} s (${rate} records/s)`
}
