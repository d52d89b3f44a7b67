import {createHash} from 'node:crypto'

import {MigrationError} from '../../errors.js'

/*
 * JSON values as Python's json module sees them, for data migrations whose results Prefect
 * computes in Python: the stored text of a SQLite JSON column (json.dumps with its default
 * separators and ASCII escaping) and the block schema checksum (sha256 of json.dumps with sorted
 * keys). Numbers keep their source form, since Python tells 1 (int) from 1.0 (float) and prints
 * floats its own way; objects keep their key order (dicts do in Python).
 */

/** A JSON number as Python parsed it: an int (digits kept exactly) or a float. */
export class PyNumber {
  constructor(readonly text: string) {}

  get isInt(): boolean {
    return /^-?\d+$/.test(this.text)
  }
}

export class PyObject {
  constructor(readonly entries: Array<[string, PyJson]> = []) {}

  get(key: string): PyJson | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i][0] === key) return this.entries[i][1]
    return undefined
  }

  has(key: string): boolean {
    return this.entries.some(([k]) => k === key)
  }
}

export type PyJson = null | boolean | string | PyNumber | PyJson[] | PyObject

/** Parse JSON text keeping number forms and key order (a repeated key: the last value wins, as in Python). */
export function parsePyJson(text: string): PyJson {
  let i = 0
  const fail = (what: string): never => {
    throw new MigrationError(`Unreadable JSON (${what} at character ${i}): ${text.slice(0, 80)}`)
  }

  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }

  const value = (): PyJson => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      const entries: Array<[string, PyJson]> = []
      ws()
      if (text[i] === '}') {
        i++
        return new PyObject(entries)
      }

      for (;;) {
        ws()
        if (text[i] !== '"') fail('key expected')
        const key = string()
        ws()
        if (text[i++] !== ':') fail('":" expected')
        const v = value()
        const at = entries.findIndex(([k]) => k === key)
        if (at >= 0) entries[at] = [key, v]
        else entries.push([key, v])
        ws()
        if (text[i] === ',') {
          i++
          continue
        }

        if (text[i++] !== '}') fail('"}" expected')
        return new PyObject(entries)
      }
    }

    if (c === '[') {
      i++
      const items: PyJson[] = []
      ws()
      if (text[i] === ']') {
        i++
        return items
      }

      for (;;) {
        items.push(value())
        ws()
        if (text[i] === ',') {
          i++
          continue
        }

        if (text[i++] !== ']') fail('"]" expected')
        return items
      }
    }

    if (c === '"') return string()
    for (const [word, result] of [
      ['true', true],
      ['false', false],
      ['null', null],
      ['NaN', new PyNumber('NaN')],
      ['Infinity', new PyNumber('Infinity')],
      ['-Infinity', new PyNumber('-Infinity')],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length
        return result
      }
    }

    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!number) fail('value expected')
    i += number![0].length
    return new PyNumber(number![0])
  }

  const string = (): string => {
    const start = i
    i++
    let out = ''
    for (;;) {
      const c = text[i]
      if (c === undefined) fail('unterminated string')
      if (c === '"') {
        i++
        return out
      }

      if (c === '\\') {
        const e = text[i + 1]
        const simple: Record<string, string> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'}
        if (e in simple) {
          out += simple[e]
          i += 2
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
          i += 6
        } else {
          i = start
          fail('bad escape')
        }
      } else {
        out += c
        i++
      }
    }
  }

  const result = value()
  ws()
  if (i !== text.length) fail('trailing text')
  return result
}

/** A plain JS value (from our own constants) as a PyJson value; JS integers become Python ints. */
export function toPyJson(value: unknown): PyJson {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number') return new PyNumber(Number.isInteger(value) ? String(value) : String(value) + (/[.e]/.test(String(value)) ? '' : '.0'))
  if (Array.isArray(value)) return value.map(toPyJson)
  if (typeof value === 'object') return new PyObject(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toPyJson(v)]))
  throw new MigrationError(`Not a JSON value: ${String(value)}`)
}

/** Python's repr() of a float given as JSON number text. */
function pyFloat(text: string): string {
  if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return text
  const v = Number(text)
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity'
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0'
  const sign = v < 0 ? '-' : ''
  const [mantissa, exponent] = Math.abs(v).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const exp = Number(exponent)
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0')
    const fraction = digits.slice(exp + 1)
    return `${sign}${whole}.${fraction || '0'}`
  }

  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
}

function pyNumber(n: PyNumber): string {
  if (n.isInt) return n.text.replace(/^-0$/, '0')
  return pyFloat(n.text)
}

function pyString(s: string): string {
  let out = '"'
  for (let k = 0; k < s.length; k++) {
    const c = s[k]
    const code = s.charCodeAt(k)
    if (c === '"') out += '\\"'
    else if (c === '\\') out += '\\\\'
    else if (c === '\n') out += '\\n'
    else if (c === '\r') out += '\\r'
    else if (c === '\t') out += '\\t'
    else if (c === '\b') out += '\\b'
    else if (c === '\f') out += '\\f'
    else if (code < 0x20 || code > 0x7e) out += '\\u' + code.toString(16).padStart(4, '0')
    else out += c
  }

  return out + '"'
}

/** Python sorts str keys by code point; JS's default sort compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a].map((ch) => ch.codePointAt(0)!)
  const y = [...b].map((ch) => ch.codePointAt(0)!)
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k] - y[k]
  return x.length - y.length
}

/** `json.dumps(value)` (sort_keys as given, default separators, ensure_ascii). */
export function pyDumps(value: PyJson, sortKeys = false): string {
  if (value === null) return 'null'
  if (value === true) return 'true'
  if (value === false) return 'false'
  if (typeof value === 'string') return pyString(value)
  if (value instanceof PyNumber) return pyNumber(value)
  if (Array.isArray(value)) return `[${value.map((item) => pyDumps(item, sortKeys)).join(', ')}]`
  const entries = sortKeys ? [...value.entries].sort(([a], [b]) => compareCodePoints(a, b)) : value.entries
  return `{${entries.map(([k, v]) => `${pyString(k)}: ${pyDumps(v, sortKeys)}`).join(', ')}}`
}

/** Python truthiness of a JSON value. */
function truthy(value: PyJson | undefined): boolean {
  if (value === undefined || value === null || value === false || value === '') return false
  if (value instanceof PyNumber) return Number(value.text) !== 0
  if (Array.isArray(value)) return value.length > 0
  if (value instanceof PyObject) return value.entries.length > 0
  return true
}

function removeNestedKeys(keys: string[], value: PyJson): PyJson {
  if (!(value instanceof PyObject)) return value
  return new PyObject(value.entries.filter(([k]) => !keys.includes(k)).map(([k, v]) => [k, removeNestedKeys(keys, v)]))
}

function nestedReferences(value: PyJson | undefined, found: PyJson[] = []): PyJson[] {
  if (value instanceof PyObject) {
    const ref = value.get('$ref')
    if (truthy(ref)) found.push(ref!)
    for (const [, v] of value.entries) nestedReferences(v, found)
  } else if (Array.isArray(value)) {
    for (const item of value) nestedReferences(item, found)
  }

  return found
}

function nonBlockDefinitions(definition: PyJson, definitions: PyJson, depth = 0): PyObject {
  if (depth > 500) throw new MigrationError('A block schema has cyclic definitions; its checksum cannot be computed.')
  const result = new PyObject()
  const put = (key: string, v: PyJson) => {
    const at = result.entries.findIndex(([k]) => k === key)
    if (at >= 0) result.entries.splice(at, 1)
    result.entries.push([key, v])
  }

  for (const ref of nestedReferences(definition)) {
    if (typeof ref !== 'string') continue
    const key = ref.replaceAll('#/definitions/', '')
    const found = definitions instanceof PyObject ? definitions.get(key) : undefined
    if (!truthy(found)) continue
    if (!(found instanceof PyObject)) throw new MigrationError(`A block schema definition (${key}) is not an object; its checksum cannot be computed.`)
    const slug = found.get('block_type_slug')
    if (slug !== undefined && slug !== null) continue
    put(key, found)
    for (const [k, v] of nonBlockDefinitions(found, definitions, depth + 1).entries) put(k, v)
  }

  return result
}

/**
 * Prefect's block schema checksum of `fields` (Block._calculate_schema_checksum): secret_fields
 * removed from every nested object, definitions cut down to those referenced that are not
 * blocks (or dropped), then sha256 of json.dumps(((fields,), {}), sort_keys=True).
 */
export function blockSchemaChecksum(fields: PyJson): string {
  let forChecksum = removeNestedKeys(['secret_fields'], fields)
  if (forChecksum instanceof PyObject && truthy(forChecksum.get('definitions'))) {
    const kept = nonBlockDefinitions(forChecksum, forChecksum.get('definitions')!)
    const entries = forChecksum.entries.flatMap(([k, v]): Array<[string, PyJson]> => {
      if (k !== 'definitions') return [[k, v]]
      return kept.entries.length > 0 ? [[k, kept]] : []
    })
    forChecksum = new PyObject(entries)
  }

  const text = pyDumps([[forChecksum], new PyObject()], true)
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`
}

// ------------------------------------------------------------------ slugify

// unidecode's transliteration of letters that Unicode does not decompose (the common Latin ones).
const TRANSLITERATION: Record<string, string> = {
  ß: 'ss', ẞ: 'Ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', œ: 'oe', Œ: 'OE', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
  þ: 'th', Þ: 'Th', ł: 'l', Ł: 'L', ı: 'i', ħ: 'h', Ħ: 'H', ŋ: 'ng', Ŋ: 'NG', ĸ: 'q', ſ: 's',
  '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-', '\u00a0': ' ',
}

// The HTML 4 character entity names (Python's html.entities.name2codepoint), name:code point.
const HTML_ENTITY_LIST =
  'AElig:198 Aacute:193 Acirc:194 Agrave:192 Alpha:913 Aring:197 Atilde:195 Auml:196 Beta:914 ' +
  'Ccedil:199 Chi:935 Dagger:8225 Delta:916 ETH:208 Eacute:201 Ecirc:202 Egrave:200 Epsilon:917 Eta:919 ' +
  'Euml:203 Gamma:915 Iacute:205 Icirc:206 Igrave:204 Iota:921 Iuml:207 Kappa:922 Lambda:923 Mu:924 ' +
  'Ntilde:209 Nu:925 OElig:338 Oacute:211 Ocirc:212 Ograve:210 Omega:937 Omicron:927 Oslash:216 ' +
  'Otilde:213 Ouml:214 Phi:934 Pi:928 Prime:8243 Psi:936 Rho:929 Scaron:352 Sigma:931 THORN:222 Tau:932 ' +
  'Theta:920 Uacute:218 Ucirc:219 Ugrave:217 Upsilon:933 Uuml:220 Xi:926 Yacute:221 Yuml:376 Zeta:918 ' +
  'aacute:225 acirc:226 acute:180 aelig:230 agrave:224 alefsym:8501 alpha:945 amp:38 and:8743 ang:8736 ' +
  'aring:229 asymp:8776 atilde:227 auml:228 bdquo:8222 beta:946 brvbar:166 bull:8226 cap:8745 ' +
  'ccedil:231 cedil:184 cent:162 chi:967 circ:710 clubs:9827 cong:8773 copy:169 crarr:8629 cup:8746 ' +
  'curren:164 dArr:8659 dagger:8224 darr:8595 deg:176 delta:948 diams:9830 divide:247 eacute:233 ' +
  'ecirc:234 egrave:232 empty:8709 emsp:8195 ensp:8194 epsilon:949 equiv:8801 eta:951 eth:240 euml:235 ' +
  'euro:8364 exist:8707 fnof:402 forall:8704 frac12:189 frac14:188 frac34:190 frasl:8260 gamma:947 ' +
  'ge:8805 gt:62 hArr:8660 harr:8596 hearts:9829 hellip:8230 iacute:237 icirc:238 iexcl:161 igrave:236 ' +
  'image:8465 infin:8734 int:8747 iota:953 iquest:191 isin:8712 iuml:239 kappa:954 lArr:8656 lambda:955 ' +
  'lang:9001 laquo:171 larr:8592 lceil:8968 ldquo:8220 le:8804 lfloor:8970 lowast:8727 loz:9674 ' +
  'lrm:8206 lsaquo:8249 lsquo:8216 lt:60 macr:175 mdash:8212 micro:181 middot:183 minus:8722 mu:956 ' +
  'nabla:8711 nbsp:160 ndash:8211 ne:8800 ni:8715 not:172 notin:8713 nsub:8836 ntilde:241 nu:957 ' +
  'oacute:243 ocirc:244 oelig:339 ograve:242 oline:8254 omega:969 omicron:959 oplus:8853 or:8744 ' +
  'ordf:170 ordm:186 oslash:248 otilde:245 otimes:8855 ouml:246 para:182 part:8706 permil:8240 ' +
  'perp:8869 phi:966 pi:960 piv:982 plusmn:177 pound:163 prime:8242 prod:8719 prop:8733 psi:968 quot:34 ' +
  'rArr:8658 radic:8730 rang:9002 raquo:187 rarr:8594 rceil:8969 rdquo:8221 real:8476 reg:174 ' +
  'rfloor:8971 rho:961 rlm:8207 rsaquo:8250 rsquo:8217 sbquo:8218 scaron:353 sdot:8901 sect:167 shy:173 ' +
  'sigma:963 sigmaf:962 sim:8764 spades:9824 sub:8834 sube:8838 sum:8721 sup:8835 sup1:185 sup2:178 ' +
  'sup3:179 supe:8839 szlig:223 tau:964 there4:8756 theta:952 thetasym:977 thinsp:8201 thorn:254 ' +
  'tilde:732 times:215 trade:8482 uArr:8657 uacute:250 uarr:8593 ucirc:251 ugrave:249 uml:168 upsih:978 ' +
  'upsilon:965 uuml:252 weierp:8472 xi:958 yacute:253 yen:165 yuml:255 zeta:950 zwj:8205 zwnj:8204 '

const HTML_ENTITIES = new Map(HTML_ENTITY_LIST.trim().split(' ').map((pair) => [pair.split(':')[0], Number(pair.split(':')[1])] as const))

/**
 * python-slugify's `slugify(text)` with its defaults, as Prefect uses it: quotes to dashes,
 * NFKD and transliteration to ASCII, HTML entities and character references decoded, lower
 * case, quotes and thousands separators dropped, every run of other characters to one dash,
 * dashes trimmed. Transliteration covers accents (dropped) and the common Latin letters above;
 * other non-ASCII characters (which unidecode would spell out) count as separators.
 */
export function slugify(input: string): string {
  let text = input.replace(/'+/g, '-')
  const toAscii = (s: string) =>
    [...s.normalize('NFKD')]
      .map((ch) => (ch.charCodeAt(0) < 0x80 ? ch : /\p{M}/u.test(ch) ? '' : (TRANSLITERATION[ch] ?? '\u0000')))
      .join('')
  text = toAscii(text)
  text = text.replace(/&([a-zA-Z0-9]+);/g, (whole, name: string) => {
    const code = HTML_ENTITIES.get(name)
    return code === undefined ? whole : String.fromCodePoint(code)
  })
  text = characterReferences(text, /&#(\d+);/g, 10)
  text = characterReferences(text, /&#x([\da-fA-F]+);/g, 16)
  text = text.normalize('NFKD').toLowerCase()
  text = text.replace(/'+/g, '')
  text = text.replace(/(?<=\d),(?=\d)/g, '')
  text = text.replace(/[^-a-zA-Z0-9]+/g, '-')
  return text.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '')
}

/** Decimal or hexadecimal character references decoded; as in python-slugify, none if any is out of range. */
function characterReferences(text: string, pattern: RegExp, radix: number): string {
  const codes = [...text.matchAll(pattern)].map((match) => parseInt(match[1], radix))
  if (codes.some((code) => !(code <= 0x10ffff))) return text
  return text.replace(pattern, (_whole, digits: string) => String.fromCodePoint(parseInt(digits, radix)))
}
