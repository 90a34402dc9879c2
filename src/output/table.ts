import Table from 'cli-table3'
import {colors} from './colors.js'

/**
 * Renders rows as a table. On a terminal it draws a light grid; otherwise it
 * prints aligned, border-less columns that grep/awk handle well.
 */
export function renderTable(head: string[], rows: Array<Array<string | number | null | undefined>>, options: {tty?: boolean} = {}): string {
  const tty = options.tty ?? Boolean(process.stdout.isTTY)
  const c = colors()
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))))
  if (!tty)
    return plainColumns(
      head.map((h) => h.toUpperCase()),
      cells,
    )
  const table = new Table({
    // Without colour (NO_COLOR, --no-color) bold is gone: upper case keeps the header apart from the rows.
    head: head.map((h) => (c.level > 0 ? c.bold(h) : h.toUpperCase())),
    style: {head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1},
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: ' ',
    },
  })
  table.push(...cells)
  return table.toString()
}

// eslint-disable-next-line no-control-regex -- ESC starts the colour codes this strips
const ANSI = /\u001B\[[0-9;]*m/g
function plainColumns(head: string[], rows: string[][]): string {
  const all = [head, ...rows]
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').replace(ANSI, '').length)))
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - cell.replace(ANSI, '').length)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
