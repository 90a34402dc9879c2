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
