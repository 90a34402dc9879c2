/** The closest of `candidates` to a mistyped word, or undefined when none is close (a unique completion, else Levenshtein distance). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // A unique completion (--bootstrap for --bootstrap-server) is what was meant.
  const completions = candidates.filter((c) => c.startsWith(word))
  if (completions.length === 1) return completions[0]
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    const d = distance(word, c)
    if (d < bestDistance) [best, bestDistance] = [c, d]
  }
  // Close enough to be a typo: a third of the word's length, at least 2 edits.
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined
}

function distance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = saved
    }
  }
  return row[b.length]!
}
