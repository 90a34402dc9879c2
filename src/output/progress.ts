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

/** "1200 records, 51200 bytes in 1.20 s (1000 records/s)": the end line of produce and consume. */
export function throughput(records: number, bytes: number, seconds: number): string {
  const rate = Math.round(records / Math.max(seconds, 0.001))
  return `${records} record${records === 1 ? '' : 's'}, ${bytes} bytes in ${seconds.toFixed(2)} s (${rate} records/s)`
}
