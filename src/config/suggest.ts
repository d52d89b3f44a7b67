/** The closest known name to a mistyped one, if it is close enough to be a likely typo. */
export function closestName(input: string, names: readonly string[]): string | undefined {
  const upper = input.toUpperCase()
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const name of names) {
    const distance = levenshtein(upper, name)
    if (distance < bestDistance) {
      best = name
      bestDistance = distance
    }
  }

  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length * 0.3)) ? best : undefined
}

/**
 * The known key a mistyped TOML key most likely meant (case-sensitive, a swap of two letters
 * counts as one edit), or undefined when none is close: a key far from every known one is more
 * likely a Prefect setting this tool does not model than a typo. Short keys allow one edit only
 * (`ui` is not a typo of `api`).
 */
export function closestKey(input: string, keys: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const key of keys) {
    const distance = editDistance(input, key)
    if (distance < bestDistance) {
      best = key
      bestDistance = distance
    }
  }

  return best !== undefined && bestDistance > 0 && bestDistance <= Math.max(1, Math.floor(best.length * 0.3)) ? best : undefined
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }

    previous = current
  }

  return previous[b.length]
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }

  return d[a.length][b.length]
}
