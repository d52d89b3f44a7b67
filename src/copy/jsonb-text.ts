/**
 * JSON text as PostgreSQL's jsonb prints it (jsonb_out), computed from any JSON text, so that a
 * jsonb column read back from the server is already in canonical form and is hashed as the server
 * printed it, without parsing. What jsonb does to a document:
 *   - object keys sorted by their length in UTF-8 bytes, then by those bytes; of duplicate keys
 *     the last one stays;
 *   - `{"a": 1, "b": [1, 2]}`: one space after each colon and each comma, none elsewhere;
 *   - strings decoded (\u escapes, \/) and printed with escape_json: \" \\ \b \f \n \r \t, other
 *     control characters as \u00xx, everything else as itself;
 *   - numbers read as numeric and printed by numeric_out: the digits of the input with its
 *     display scale (fraction digits minus exponent, at least 0): 1.50 → 1.50, 1e2 → 100,
 *     1.5e-3 → 0.0015, -0 → 0.
 * Invalid JSON throws; the caller falls back to comparing text.
 */

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d])
const STRING_END = /["\\]/g
// JSON forbids control characters inside strings; escape_json escapes these on output.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

class Scanner {
  i = 0
  constructor(readonly s: string) {}

  fail(): never {
    throw new SyntaxError(`invalid JSON at ${this.i}`)
  }

  space(): void {
    while (this.i < this.s.length && WHITESPACE.has(this.s.charCodeAt(this.i))) this.i++
  }

  value(): string {
    this.space()
    const c = this.s[this.i]
    if (c === '{') return this.object()
    if (c === '[') return this.array()
    if (c === '"') return escapeJson(this.string())
    if (this.s.startsWith('true', this.i)) return this.literal('true')
    if (this.s.startsWith('false', this.i)) return this.literal('false')
    if (this.s.startsWith('null', this.i)) return this.literal('null')
    NUMBER.lastIndex = this.i
    const match = NUMBER.exec(this.s)
    if (!match) this.fail()
    this.i += match[0].length
    return numericText(match[0])
  }

  literal(word: string): string {
    this.i += word.length
    return word
  }

  object(): string {
    this.i++
    const members = new Map<string, string>()
    this.space()
    if (this.s[this.i] === '}') {
      this.i++
      return '{}'
    }

    for (;;) {
      this.space()
      if (this.s[this.i] !== '"') this.fail()
      const key = this.string()
      this.space()
      if (this.s[this.i] !== ':') this.fail()
      this.i++
      const value = this.value()
      members.delete(key)
      members.set(key, value)
      this.space()
      const next = this.s[this.i++]
      if (next === '}') break
      if (next !== ',') this.fail()
    }

    const keys = sortedKeys([...members.keys()])
    let out = '{'
    for (let k = 0; k < keys.length; k++) out += `${k === 0 ? '' : ', '}${escapeJson(keys[k])}: ${members.get(keys[k])}`
    return `${out}}`
  }

  array(): string {
    this.i++
    this.space()
    if (this.s[this.i] === ']') {
      this.i++
      return '[]'
    }

    let out = '['
    for (let first = true; ; first = false) {
      out += (first ? '' : ', ') + this.value()
      this.space()
      const next = this.s[this.i++]
      if (next === ']') break
      if (next !== ',') this.fail()
    }

    return `${out}]`
  }

  /** A string token (the scanner at its opening quote), decoded. */
  string(): string {
    const s = this.s
    let start = ++this.i
    let out = ''
    for (;;) {
      STRING_END.lastIndex = this.i
      const match = STRING_END.exec(s)
      if (!match) this.fail()
      const at = match.index
      const segment = s.slice(start, at)
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f]/.test(segment)) this.fail()
      out += segment
      if (s[at] === '"') {
        this.i = at + 1
        break
      }

      const escape = s[at + 1]
      this.i = at + 2
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out += escape
          break
        case 'b':
          out += '\b'
          break
        case 'f':
          out += '\f'
          break
        case 'n':
          out += '\n'
          break
        case 'r':
          out += '\r'
          break
        case 't':
          out += '\t'
          break
        case 'u': {
          const hex = s.slice(this.i, this.i + 4)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail()
          const code = Number.parseInt(hex, 16)
          // jsonb refuses \u0000; a lone surrogate is not text.
          if (code === 0) this.fail()
          out += String.fromCharCode(code)
          this.i += 4
          break
        }

        default:
          this.fail()
      }

      start = this.i
    }

    if (LONE_SURROGATE.test(out)) this.fail()
    return out
  }
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/

/** Keys in jsonb's order; ASCII keys (nearly all) without computing their UTF-8 form. */
function sortedKeys(keys: string[]): string[] {
  if (keys.length < 2) return keys
  if (keys.every((key) => ASCII.test(key))) return keys.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
  return keys.sort(compareKeys)
}

function compareKeys(a: string, b: string): number {
  const la = Buffer.byteLength(a)
  const lb = Buffer.byteLength(b)
  if (la !== lb) return la - lb
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(a) && /^[\u0000-\u007f]*$/.test(b)) return a < b ? -1 : a > b ? 1 : 0
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}

/** PostgreSQL's escape_json. */
export function escapeJson(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) out += '\\"'
    else if (c === 0x5c) out += '\\\\'
    else if (c >= 0x20) out += text[i]
    else if (c === 0x08) out += '\\b'
    else if (c === 0x0c) out += '\\f'
    else if (c === 0x0a) out += '\\n'
    else if (c === 0x0d) out += '\\r'
    else if (c === 0x09) out += '\\t'
    else out += `\\u${c.toString(16).padStart(4, '0')}`
  }

  return `${out}"`
}

/** numeric_out of numeric_in of a JSON number token. */
export function numericText(token: string): string {
  const negative = token.startsWith('-')
  const body = negative ? token.slice(1) : token
  const e = body.search(/[eE]/)
  const mantissa = e === -1 ? body : body.slice(0, e)
  const exponent = e === -1 ? 0 : Number(body.slice(e + 1))
  const dot = mantissa.indexOf('.')
  const whole = dot === -1 ? mantissa : mantissa.slice(0, dot)
  const fraction = dot === -1 ? '' : mantissa.slice(dot + 1)
  const digits = whole + fraction
  const point = whole.length + exponent
  const scale = Math.max(0, fraction.length - exponent)
  let integer = point <= 0 ? '0' : point >= digits.length ? digits + '0'.repeat(point - digits.length) : digits.slice(0, point)
  integer = integer.replace(/^0+(?=\d)/, '')
  let after = point < 0 ? '0'.repeat(-point) + digits : point >= digits.length ? '' : digits.slice(point)
  after = after.length >= scale ? after.slice(0, scale) : after + '0'.repeat(scale - after.length)
  const zero = !/[1-9]/.test(digits)
  return `${negative && !zero ? '-' : ''}${integer}${scale > 0 ? `.${after}` : ''}`
}

// Every string and number token of a document (strings first, so digits inside them are skipped).
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g
// Escapes JSON.parse accepts and jsonb refuses (\u0000, surrogates, which the scanner checks in pairs).
const RISKY_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/
const SURROGATE = /[\ud800-\udfff]/
// A number JavaScript prints as numeric_out does: an integer of at most 15 digits.
const PLAIN_INTEGER = /^-?(?:0|[1-9]\d{0,14})$/

/** Whether every number of the document is a plain integer (then JSON.parse loses nothing jsonb keeps). */
function plainNumbers(text: string): boolean {
  TOKENS.lastIndex = 0
  for (let match = TOKENS.exec(text); match; match = TOKENS.exec(text)) {
    if (match[0].charCodeAt(0) !== 0x22 && !PLAIN_INTEGER.test(match[0])) return false
  }

  return true
}

/** jsonb's text of a parsed document (numbers only plain integers). */
function emit(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return escapeJson(value)
    case 'number':
    case 'boolean':
      return String(value)
    default:
      break
  }

  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ', ') + emit(value[i])
    return `${out}]`
  }

  const object = value as Record<string, unknown>
  const keys = sortedKeys(Object.keys(object))
  let out = '{'
  for (let i = 0; i < keys.length; i++) out += `${i === 0 ? '' : ', '}${escapeJson(keys[i])}: ${emit(object[keys[i]])}`
  return `${out}}`
}

/** jsonb's text for a JSON document. Throws SyntaxError when the text is not JSON. */
export function jsonbText(text: string): string {
  // The common case, at native speed: JSON.parse, then printed the jsonb way. Documents with
  // fractions, exponents or long numbers go through the scanner, which keeps each number's text.
  if (plainNumbers(text) && !RISKY_ESCAPE.test(text) && !(SURROGATE.test(text) && LONE_SURROGATE.test(text))) return emit(JSON.parse(text))
  const scanner = new Scanner(text)
  const out = scanner.value()
  scanner.space()
  if (scanner.i !== text.length) scanner.fail()
  return out
}
