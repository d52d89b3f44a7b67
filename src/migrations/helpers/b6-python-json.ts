/*
 * Values that Prefect's json_variables revisions compute in Python, reproduced exactly:
 *  - the upgrade stores `json.dumps(value)` of each variable's string (SQLite keeps that text as is);
 *  - the PostgreSQL downgrade stores `str(value)`, value being the jsonb decoded by json.loads, so
 *    a JSON string comes back bare and anything else as Python prints it ({'a': 1}, True, None).
 */

/** Python's `json.dumps(text)` with its defaults (ensure_ascii): a JSON string, ASCII only. */
export function pythonJsonDumps(text: string): string {
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) // UTF-16 units: characters above U+FFFF come out as surrogate pairs, as in Python
    const char = text[i]!
    if (char === '"') out += '\\"'
    else if (char === '\\') out += '\\\\'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (char === '\b') out += '\\b'
    else if (char === '\f') out += '\\f'
    else if (code >= 0x20 && code <= 0x7e) out += char
    else out += '\\u' + code.toString(16).padStart(4, '0')
  }

  return out + '"'
}

type PyValue =
  | {kind: 'str'; value: string}
  | {kind: 'int'; value: bigint}
  | {kind: 'float'; value: number}
  | {kind: 'bool'; value: boolean}
  | {kind: 'none'}
  | {kind: 'list'; items: PyValue[]}
  | {kind: 'dict'; entries: Array<[string, PyValue]>}

/**
 * Python's `str(json.loads(text))`; null (SQL NULL) gives 'None', as `str(None)` does. Numbers
 * follow json.loads: a literal with a fraction or exponent is a float, any other an int.
 */
export function pythonStrOfJson(text: string | null): string {
  if (text === null) return 'None'
  const value = new JsonReader(text).document()
  return value.kind === 'str' ? value.value : pythonRepr(value)
}

function pythonRepr(value: PyValue): string {
  switch (value.kind) {
    case 'str':
      return pythonStrRepr(value.value)
    case 'int':
      return value.value.toString()
    case 'float':
      return pythonFloatRepr(value.value)
    case 'bool':
      return value.value ? 'True' : 'False'
    case 'none':
      return 'None'
    case 'list':
      return `[${value.items.map(pythonRepr).join(', ')}]`
    case 'dict':
      return `{${value.entries.map(([key, item]) => `${pythonStrRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`
  }
}

// Python's str.isprintable() is false for these categories (space excepted).
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u

/** Python's repr() of a str. */
export function pythonStrRepr(text: string): string {
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

/** Python's repr() of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const sign = value < 0 ? '-' : ''
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string]
  const digits = mantissa.replace('.', '')
  const exponent = Number(exponentText)
  const point = exponent + 1 // digits are 0.<digits> x 10^point
  if (point > 16 || point <= -4) {
    const fraction = digits.length > 1 ? '.' + digits.slice(1) : ''
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
  }

  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** A JSON reader that keeps what json.loads distinguishes (int or float) and the order of keys. */
class JsonReader {
  private at = 0

  constructor(private readonly text: string) {}

  document(): PyValue {
    const value = this.value()
    this.space()
    if (this.at !== this.text.length) this.fail('trailing characters')
    return value
  }

  private value(): PyValue {
    this.space()
    const char = this.text[this.at]
    if (char === '{') return this.object()
    if (char === '[') return this.array()
    if (char === '"') return {kind: 'str', value: this.string()}
    for (const [word, value] of [['true', {kind: 'bool', value: true}], ['false', {kind: 'bool', value: false}], ['null', {kind: 'none'}]] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length
        return value
      }
    }

    const number = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at))
    if (!number) this.fail('unexpected character')
    this.at += number[0].length
    return number[1] !== undefined || number[2] !== undefined
      ? {kind: 'float', value: Number(number[0])}
      : {kind: 'int', value: BigInt(number[0])}
  }

  private object(): PyValue {
    this.at++
    const entries: Array<[string, PyValue]> = []
    this.space()
    if (this.text[this.at] === '}') {
      this.at++
      return {kind: 'dict', entries}
    }

    for (;;) {
      this.space()
      if (this.text[this.at] !== '"') this.fail('expected a key')
      const key = this.string()
      this.space()
      if (this.text[this.at++] !== ':') this.fail("expected ':'")
      const value = this.value()
      const existing = entries.findIndex(([name]) => name === key)
      if (existing >= 0) entries[existing] = [key, value] // json.loads keeps the last, in the first's place
      else entries.push([key, value])
      this.space()
      const next = this.text[this.at++]
      if (next === '}') return {kind: 'dict', entries}
      if (next !== ',') this.fail("expected ',' or '}'")
    }
  }

  private array(): PyValue {
    this.at++
    const items: PyValue[] = []
    this.space()
    if (this.text[this.at] === ']') {
      this.at++
      return {kind: 'list', items}
    }

    for (;;) {
      items.push(this.value())
      this.space()
      const next = this.text[this.at++]
      if (next === ']') return {kind: 'list', items}
      if (next !== ',') this.fail("expected ',' or ']'")
    }
  }

  private string(): string {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.text.slice(this.at))
    if (!match) this.fail('bad string')
    this.at += match[0].length
    return JSON.parse(match[0]) as string
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at]!)) this.at++
  }

  private fail(what: string): never {
    throw new Error(`Not JSON (${what} at ${this.at}): ${this.text.slice(0, 80)}`)
  }
}
