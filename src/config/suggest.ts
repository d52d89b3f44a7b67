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
