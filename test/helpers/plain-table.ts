import assert from 'node:assert/strict'
import {renderTable} from '../../src/output/table.js'

/**
 * A view's rows as kfk prints them off a terminal (in a pipe, as under the
 * test runner): upper-case head, aligned columns, no colour codes. Each line
 * trimmed at the end, as the table prints it.
 */
export function plainTable(head: string[], rows: Array<Array<string | number | null | undefined>>): string[] {
  for (const row of rows) assert.equal(row.length, head.length, `a row of ${row.length} cells under ${head.length} columns: ${row}`)
  const text = renderTable(head, rows, {tty: false})
  // eslint-disable-next-line no-control-regex -- ESC starts a colour code
  assert.doesNotMatch(text, /\u001B\[/, 'no colour codes off a terminal')
  return text.split('\n')
}
