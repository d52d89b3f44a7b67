/**
 * PostgreSQL's COPY text format (https://www.postgresql.org/docs/current/sql-copy.html): one row
 * per line, fields separated by tabs, `\N` for NULL, backslash escapes for backslash, newline,
 * carriage return and tab (and, on input, \b \f \v, octal and hex).
 */
import {StringDecoder} from 'node:string_decoder'

// Exactly the characters PostgreSQL's COPY TO escapes (copyto.c, CopyAttributeOutText), so that
// a line encoded here is byte for byte the line the server prints for the same values.
const NEEDS_ESCAPE = /[\\\n\r\t\b\f\v]/
const ESCAPES = /[\\\n\r\t\b\f\v]/g
const ESCAPED: Record<string, string> = {'\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v'}

/** One field of COPY text, escaped as COPY TO prints it (and COPY FROM reads it). */
export function encodeField(value: string | null): string {
  if (value === null) return '\\N'
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPES, (c) => ESCAPED[c]) : value
}

const UNESCAPE = /\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g
const SIMPLE: Record<string, string> = {b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v'}

function decodeField(field: string): string | null {
  if (field === '\\N') return null
  if (!field.includes('\\')) return field
  return field.replace(UNESCAPE, (_all, octal: string | undefined, hex: string | undefined, other: string | undefined) => {
    if (octal !== undefined) return String.fromCharCode(Number.parseInt(octal, 8))
    if (hex !== undefined) return String.fromCharCode(Number.parseInt(hex, 16))
    return SIMPLE[other!] ?? other!
  })
}

/**
 * The lines of a stream of COPY TO text output, as bytes (without their newline), in batches:
 * for hashing rows exactly as the server printed them, with no decoding.
 */
export async function* copyTextLines(stream: AsyncIterable<Buffer>, batchSize: number): AsyncGenerator<Buffer[]> {
  let rest: Buffer | undefined
  let batch: Buffer[] = []
  for await (const chunk of stream) {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk
    let start = 0
    let end = data.indexOf(10, start)
    while (end !== -1) {
      batch.push(data.subarray(start, end))
      start = end + 1
      end = data.indexOf(10, start)
    }

    rest = start < data.length ? data.subarray(start) : undefined
    if (batch.length >= batchSize) {
      yield batch
      batch = []
    }
  }

  if (rest && rest.length > 0) batch.push(rest)
  if (batch.length > 0) yield batch
}

/**
 * Rows from a stream of COPY TO text output. Chunks split rows (and UTF-8 characters) anywhere;
 * this yields whole rows as arrays of fields.
 */
export async function* copyTextRows(stream: AsyncIterable<Buffer>): AsyncGenerator<Array<string | null>> {
  const decoder = new StringDecoder('utf8')
  let rest = ''
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk)
    let start = 0
    let end = text.indexOf('\n', start)
    while (end !== -1) {
      yield text.slice(start, end).split('\t').map(decodeField)
      start = end + 1
      end = text.indexOf('\n', start)
    }

    rest = text.slice(start)
  }

  rest += decoder.end()
  if (rest.length > 0) yield rest.split('\t').map(decodeField)
}
