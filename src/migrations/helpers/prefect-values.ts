import {createHash} from 'node:crypto'

import {MigrationError} from '../../errors.js'
import {isPyObject, PyObject, pyJsonDumps, pyTruthy, type PyJson} from './python-json.js'

/*
 * Values Prefect computes in Python that data migrations must reproduce exactly: the block schema
 * checksum (Block._calculate_schema_checksum) and python-slugify's slugify. Released revisions
 * depend on exactly what these return: to change one, add a new function instead.
 */

// ------------------------------------------------------------------ block schema checksum

/**
 * What to do with block schemas that Prefect's checksum code cannot handle (fields or definitions
 * that are not JSON objects, definitions referring to themselves). Both are released behaviour:
 * - `strict` (SQLite b75d279ba985 and e73c6f1fe752, PostgreSQL 1c9390e2f9c6 and 2fe6fe6ca16e):
 *   such a schema fails;
 * - `lenient` (SQLite f335f9633eec, PostgreSQL 4ff2f2bf81f4): fields that are not an object are
 *   hashed as they are and definitions that are not an object dropped; only self-referring
 *   definitions (or a chain of them over 500 deep) fail, with messages of their own.
 */
export type ChecksumMode = 'strict' | 'lenient'

/**
 * `sha256:` + the SHA-256 of `json.dumps(((fields,), {}), sort_keys=True)`, after dropping every
 * `secret_fields` key of nested objects and keeping only the definitions that the schema
 * references (directly or through other definitions) and that are not blocks (none: the
 * definitions key is dropped).
 */
export function blockSchemaChecksum(fields: PyJson, mode: ChecksumMode = 'strict'): string {
  const strict = mode === 'strict'
  if (strict && !isPyObject(fields)) throw new MigrationError('A block schema whose fields are not a JSON object has no checksum.')
  const forChecksum = withoutKey(fields, 'secret_fields')
  if (isPyObject(forChecksum)) {
    const definitions = forChecksum.get('definitions')
    if (pyTruthy(definitions)) {
      if (strict && !isPyObject(definitions)) throw new MigrationError('A block schema whose definitions are not a JSON object has no checksum.')
      // Lenient: definitions that are not an object define nothing, so they are dropped.
      const kept = isPyObject(definitions) ? nonBlockDefinitions(forChecksum, definitions, [], strict) : new PyObject()
      if (kept.entries.size > 0) forChecksum.set('definitions', kept)
      else forChecksum.delete('definitions')
    }
  }

  const serialised = pyJsonDumps([[forChecksum], new PyObject()], {sortKeys: true})
  return `sha256:${createHash('sha256').update(serialised, 'utf8').digest('hex')}`
}

/** A copy without `key` in any nested object; lists are left as they are, as Prefect's helper does. */
function withoutKey(value: PyJson, key: string): PyJson {
  if (!isPyObject(value)) return value
  const result = new PyObject()
  for (const [name, item] of value.entries) if (name !== key) result.set(name, withoutKey(item, key))
  return result
}

/** Every truthy `$ref` value anywhere in the value (nested objects and lists), in document order. */
function referenceStrings(value: PyJson, found: PyJson[] = []): PyJson[] {
  if (isPyObject(value)) {
    const ref = value.get('$ref')
    if (pyTruthy(ref)) found.push(ref!)
    for (const item of value.entries.values()) referenceStrings(item, found)
  } else if (Array.isArray(value)) {
    for (const item of value) referenceStrings(item, found)
  }

  return found
}

/**
 * The definitions `definition` references, directly or through other definitions, that are not
 * blocks. Only hashed with sorted keys, so their order does not matter.
 */
function nonBlockDefinitions(definition: PyJson, definitions: PyObject, path: string[], strict: boolean): PyObject {
  if (!strict && path.length > 500) throw new MigrationError('A block schema has cyclic definitions; its checksum cannot be computed.')
  const result = new PyObject()
  for (const ref of referenceStrings(definition)) {
    if (typeof ref !== 'string') continue
    const key = ref.split('#/definitions/').join('')
    const found = definitions.get(key)
    if (!pyTruthy(found)) continue
    if (!isPyObject(found)) {
      throw new MigrationError(
        strict
          ? `Block schema definition ${key} is not a JSON object.`
          : `A block schema definition (${key}) is not an object; its checksum cannot be computed.`,
      )
    }

    const slug = found.get('block_type_slug')
    if (slug !== undefined && slug !== null) continue
    // Prefect's recursion never ends on definitions that refer to themselves: it fails there.
    if (path.includes(key)) {
      throw new MigrationError(
        strict
          ? `Block schema definitions refer to themselves (${[...path, key].join(' -> ')}): no checksum.`
          : 'A block schema has cyclic definitions; its checksum cannot be computed.',
      )
    }

    result.set(key, found)
    for (const [name, item] of nonBlockDefinitions(found, definitions, [...path, key], strict).entries) result.set(name, item)
  }

  return result
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
