import {MigrationError} from '../../errors.js'

/*
 * JSON as Python's `json` module reads and writes it, for data migrations whose results Prefect
 * computes in Python: hashes of `json.dumps(..., sort_keys=True)`, JSON text that Prefect's
 * SQLite rows hold as `json.dumps(...)` wrote it, and `str()` of a value `json.loads` returned.
 * JavaScript's JSON.parse cannot be used for this: it reorders integer-like keys and forgets
 * whether a number was written as an int or a float (Python prints `1.0` back as `1.0`, `1` as
 * `1`). Released revisions depend on exactly what these functions return: to change one, add a
 * new function instead.
 */

/** A parsed JSON value; objects keep Python's dict order (first occurrence of a key, last value). */
export type PyJson = null | boolean | string | PyNumber | PyJson[] | PyObject

export class PyNumber {
  /** `int` keeps its decimal text (Python ints are unbounded); `float` holds the double. */
  constructor(
    readonly kind: 'int' | 'float',
    readonly text: string,
    readonly value: number,
  ) {}
}

export class PyObject {
  readonly entries = new Map<string, PyJson>()

  get(key: string): PyJson | undefined {
    return this.entries.get(key)
  }

  /** Like assigning to a Python dict: an existing key keeps its place. */
  set(key: string, value: PyJson): this {
    this.entries.set(key, value)
    return this
  }

  has(key: string): boolean {
    return this.entries.has(key)
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  copy(): PyObject {
    const result = new PyObject()
    for (const [key, value] of this.entries) result.set(key, value)
    return result
  }
}

export function isPyObject(value: PyJson | undefined): value is PyObject {
  return value instanceof PyObject
}

/** Python's truthiness of a JSON value. */
export function pyTruthy(value: PyJson | undefined): boolean {
  if (value === undefined || value === null || value === false) return false
  if (value === true) return true
  if (typeof value === 'string') return value.length > 0
  if (value instanceof PyNumber) return value.value !== 0 && !(value.kind === 'int' && /^-?0+$/.test(value.text))
  if (Array.isArray(value)) return value.length > 0
  return value.entries.size > 0
}

/**
 * A plain JavaScript value (our own constants, or values built from strings) as a PyJson value:
 * keys in Object.entries order, integers as Python ints, other numbers as floats.
 */
export function toPyJson(value: unknown): PyJson {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number') return new PyNumber(Number.isInteger(value) ? 'int' : 'float', String(value), value)
  if (Array.isArray(value)) return value.map(toPyJson)
  if (typeof value === 'object') {
    const result = new PyObject()
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) result.set(key, toPyJson(item))
    return result
  }

  throw new MigrationError(`Not a JSON value: ${String(value)}`)
}

// ------------------------------------------------------------------ json.loads

/** `json.loads` (which also accepts NaN, Infinity and -Infinity). */
export function pyJsonLoads(text: string): PyJson {
  let at = 0
  const fail = (what: string): never => {
    throw new MigrationError(`Cannot read JSON (${what} at character ${at}): ${text.slice(0, 200)}`)
  }

  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++
  }

  const literal = (word: string, value: PyJson): PyJson => {
    if (text.startsWith(word, at)) {
      at += word.length
      return value
    }

    return fail('unexpected text')
  }

  const parseString = (): string => {
    at++ // opening quote
    let result = ''
    for (;;) {
      if (at >= text.length) fail('unterminated string')
      const char = text[at]!
      if (char === '"') {
        at++
        return result
      }

      if (char === '\\') {
        const escape = text[at + 1]
        at += 2
        switch (escape) {
          case '"':
            result += '"'
            break
          case '\\':
            result += '\\'
            break
          case '/':
            result += '/'
            break
          case 'b':
            result += '\b'
            break
          case 'f':
            result += '\f'
            break
          case 'n':
            result += '\n'
            break
          case 'r':
            result += '\r'
            break
          case 't':
            result += '\t'
            break
          case 'u': {
            const hex = text.slice(at, at + 4)
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape')
            result += String.fromCharCode(parseInt(hex, 16))
            at += 4
            break
          }

          default:
            fail('bad escape')
        }

        continue
      }

      result += char
      at++
    }
  }

  const parseNumber = (): PyNumber => {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(at))
    if (!match) return fail('bad number')
    at += match[0].length
    if (match[2] === undefined && match[3] === undefined) {
      // Python's int('-0') is 0.
      return new PyNumber('int', match[0] === '-0' ? '0' : match[0], Number(match[0]))
    }

    return new PyNumber('float', match[0], Number(match[0]))
  }

  const parseValue = (): PyJson => {
    skipSpace()
    const char = text[at]
    if (char === '{') {
      at++
      const object = new PyObject()
      skipSpace()
      if (text[at] === '}') {
        at++
        return object
      }

      for (;;) {
        skipSpace()
        if (text[at] !== '"') fail('expected a key')
        const key = parseString()
        skipSpace()
        if (text[at] !== ':') fail("expected ':'")
        at++
        object.set(key, parseValue())
        skipSpace()
        if (text[at] === ',') {
          at++
          continue
        }

        if (text[at] === '}') {
          at++
          return object
        }

        fail("expected ',' or '}'")
      }
    }

    if (char === '[') {
      at++
      const array: PyJson[] = []
      skipSpace()
      if (text[at] === ']') {
        at++
        return array
      }

      for (;;) {
        array.push(parseValue())
        skipSpace()
        if (text[at] === ',') {
          at++
          continue
        }

        if (text[at] === ']') {
          at++
          return array
        }

        fail("expected ',' or ']'")
      }
    }

    if (char === '"') return parseString()
    if (char === 't') return literal('true', true)
    if (char === 'f') return literal('false', false)
    if (char === 'n') return literal('null', null)
    if (char === 'N') return literal('NaN', new PyNumber('float', 'NaN', NaN))
    if (char === 'I') return literal('Infinity', new PyNumber('float', 'Infinity', Infinity))
    if (char === '-' && text.startsWith('-Infinity', at)) return literal('-Infinity', new PyNumber('float', '-Infinity', -Infinity))
    return parseNumber()
  }

  const value = parseValue()
  skipSpace()
  if (at !== text.length) fail('extra data')
  return value
}

// ------------------------------------------------------------------ json.dumps

/**
 * `json.dumps(value)` or `json.dumps(value, sort_keys=True)`, Python's default separators
 * (`", "`, `": "`) and ensure_ascii. A string value gives the JSON string literal of that text.
 */
export function pyJsonDumps(value: PyJson, options: {sortKeys?: boolean} = {}): string {
  const parts: string[] = []
  const write = (item: PyJson): void => {
    if (item === null) parts.push('null')
    else if (item === true) parts.push('true')
    else if (item === false) parts.push('false')
    else if (typeof item === 'string') parts.push(pyStringLiteral(item))
    else if (item instanceof PyNumber) parts.push(item.kind === 'int' ? item.text : jsonFloat(item.value))
    else if (Array.isArray(item)) {
      parts.push('[')
      item.forEach((element, index) => {
        if (index > 0) parts.push(', ')
        write(element)
      })
      parts.push(']')
    } else {
      const keys = [...item.entries.keys()]
      if (options.sortKeys) keys.sort(compareCodePoints)
      parts.push('{')
      keys.forEach((key, index) => {
        if (index > 0) parts.push(', ')
        parts.push(pyStringLiteral(key), ': ')
        write(item.entries.get(key)!)
      })
      parts.push('}')
    }
  }

  write(value)
  return parts.join('')
}

/** Python compares str by code point; JavaScript's default sort by UTF-16 unit. */
function compareCodePoints(a: string, b: string): number {
  const left = [...a]
  const right = [...b]
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!
    if (difference !== 0) return difference
  }

  return left.length - right.length
}

const ESCAPES: Record<string, string> = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t'}

/**
 * A string as json.dumps writes it with ensure_ascii: everything outside ' '..'~' escaped, per
 * UTF-16 unit (so characters above U+FFFF come out as surrogate pairs, as in Python).
 */
function pyStringLiteral(value: string): string {
  let result = '"'
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!
    const code = value.charCodeAt(i)
    if (ESCAPES[char] !== undefined) result += ESCAPES[char]
    else if (code < 0x20 || code > 0x7e) result += `\\u${code.toString(16).padStart(4, '0')}`
    else result += char
  }

  return result + '"'
}

/** A float as json.dumps writes it: repr(), but NaN, Infinity and -Infinity for the non-finite. */
function jsonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  return pyFloatRepr(value)
}

// ------------------------------------------------------------------ str() and repr()

/** Python's repr() (and str()) of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const sign = value < 0 ? '-' : ''
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string]
  const digits = mantissa.replace('.', '')
  const exponent = Number(exponentText)
  const point = exponent + 1 // value = 0.<digits> x 10^point
  if (point > 16 || point <= -4) {
    const fraction = digits.length > 1 ? '.' + digits.slice(1) : ''
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
  }

  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** Python's `str()` of a JSON value: a string as itself, anything else as repr() prints it ({'a': 1}, True, None). */
export function pyStr(value: PyJson): string {
  return typeof value === 'string' ? value : pyRepr(value)
}

/** Python's `repr()` of a JSON value as json.loads returns it. */
export function pyRepr(value: PyJson): string {
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'string') return pyStrRepr(value)
  if (value instanceof PyNumber) return value.kind === 'int' ? value.text : pyFloatRepr(value.value)
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  return `{${[...value.entries].map(([key, item]) => `${pyStrRepr(key)}: ${pyRepr(item)}`).join(', ')}}`
}

/** Python's `str(json.loads(text))`; null (SQL NULL) gives 'None', as `str(None)` does. */
export function pyStrOfJsonText(text: string | null): string {
  return text === null ? 'None' : pyStr(pyJsonLoads(text))
}

// Python's str.isprintable() is false for these categories (space excepted).
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u

/** Python's repr() of a str. */
export function pyStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = quote
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === quote || char === '\\') out += '\\' + char
    else if (char === '\t') out += '\\t'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (code < 0x20 || code === 0x7f) out += '\\x' + hex(code, 2)
    else if (code < 0x7f) out += char
    else if (char !== ' ' && NOT_PRINTABLE.test(char)) {
      out += code <= 0xff ? '\\x' + hex(code, 2) : code <= 0xffff ? '\\u' + hex(code, 4) : '\\U' + hex(code, 8)
    } else out += char
  }

  return out + quote
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0')
}
