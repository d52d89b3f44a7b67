/**
 * How each cell crosses between the dialects, and the canonical form both sides are hashed in.
 *
 * A column's kind comes from the PostgreSQL side's type (Prefect's SQLite types say less: a
 * DATETIME column holds a timestamp or, for SQLAlchemy's Interval, the epoch plus the interval).
 * Between two SQLite databases values go across as stored; their kinds come from Prefect's SQLite
 * types (kindOfSqliteColumn), so that hashes agree whichever way a table was copied.
 *
 * Three representations:
 *   - SQLite's: what better-sqlite3 returns (integers as BigInt: nothing is rounded);
 *   - PostgreSQL's: the text `COPY (SELECT projection …) TO STDOUT` prints in a session with
 *     TimeZone UTC and DateStyle ISO: timestamps as `2024-01-01 12:00:00.5+00`, and intervals,
 *     through the projection (pgProjection), as a count of microseconds;
 *   - canonical: a string per cell that is equal on both sides exactly when the values are the
 *     same: PostgreSQL's text, except JSON (as jsonb prints it, see jsonb-text.ts) and floats
 *     (JavaScript's shortest form). A row's canonical string is its cells as one line of COPY text
 *     (canonicalLine), so that a table without JSON, floats or intervals hashes the very line
 *     PostgreSQL prints, and the very line the copy sends it.
 */
import {CopyError} from './errors.js'
import {jsonbText} from './jsonb-text.js'

export type ColumnKind = 'uuid' | 'timestamp' | 'timestamp_naive' | 'interval' | 'bool' | 'json' | 'jsonb' | 'int' | 'float' | 'text' | 'raw'

export type SqliteValue = string | number | bigint | Buffer | null

/** The kind of a PostgreSQL column, from format_type(). */
export function kindOfPostgresType(type: string): ColumnKind {
  if (type === 'uuid') return 'uuid'
  if (type === 'timestamp with time zone') return 'timestamp'
  if (type.startsWith('timestamp')) return 'timestamp_naive'
  if (type === 'interval') return 'interval'
  if (type === 'boolean') return 'bool'
  if (type === 'json' || type === 'jsonb') return type
  if (type === 'integer' || type === 'smallint' || type === 'bigint') return 'int'
  if (type === 'double precision' || type === 'real') return 'float'
  // character varying, text, enum types, numeric and anything else: their text form.
  return 'text'
}

/**
 * The kind of a column of Prefect's SQLite schema, from its declared type: the same kind its
 * PostgreSQL counterpart has, so that a table's content hash is the same on either dialect (a
 * backup's hashes can be checked against a restore in any direction). SQLAlchemy's Interval is a
 * DATETIME on SQLite; Prefect's only intervals are the runs' total_run_time.
 */
export function kindOfSqliteColumn(column: string, type: string): ColumnKind {
  const declared = type.toUpperCase()
  if (declared === 'CHAR(36)') return 'uuid'
  if (declared === 'DATETIME' || declared === 'TIMESTAMP') return column === 'total_run_time' ? 'interval' : 'timestamp'
  if (declared === 'BOOLEAN') return 'bool'
  if (declared === 'JSON') return 'json'
  if (declared === 'INTEGER' || declared === 'SMALLINT' || declared === 'BIGINT') return 'int'
  if (declared === 'FLOAT' || declared === 'REAL') return 'float'
  return 'text'
}

/** The select-list expression that reads a PostgreSQL column in this module's text form. */
export function pgProjection(column: string, kind: ColumnKind): string {
  const quoted = quoteIdent(column)
  switch (kind) {
    case 'interval':
      // Prefect's intervals are timedeltas (days, seconds, microseconds): exact in microseconds.
      return `(extract(epoch from ${quoted}) * 1000000)::bigint`
    default:
      return quoted
  }
}

/**
 * A timestamp as PostgreSQL prints it (TimeZone UTC, DateStyle ISO: `2024-01-01 12:00:00.5+00`,
 * trailing zeros of the fraction dropped) in Prefect's SQLite form, `2024-01-01 12:00:00.500000`.
 * Anything else (infinity, BC dates) is left as printed.
 */
export function sqliteFormOfPgTimestamp(text: string): string {
  const bare = text.endsWith('+00') ? text.slice(0, -3) : text
  if (bare.length === 26) return bare
  if (bare.length === 19) return `${bare}.000000`
  if (bare.length > 20 && bare.length < 26 && bare[19] === '.') return bare.padEnd(26, '0')
  return bare
}

/** Prefect's SQLite form of a timestamp as PostgreSQL prints it (`…12:00:00.500000` → `…12:00:00.5+00`). */
function pgFormOfSqliteTimestamp(text: string, zone: boolean): string {
  let end = text.length
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--
  if (text.charCodeAt(end - 1) === 46 /* . */) end--
  return zone ? `${text.slice(0, end)}+00` : text.slice(0, end)
}

/** A field of `COPY … FROM STDIN` text from this module's PostgreSQL text form. */
export function pgInput(kind: ColumnKind, text: string): string {
  return kind === 'interval' ? `${text} microseconds` : text
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

const SQLITE_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/
const ANY_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/**
 * A SQLite timestamp as UTC text with microseconds, `YYYY-MM-DD HH:MM:SS.ffffff` (Prefect's
 * storage format, and what our PostgreSQL projection prints). Other spellings (no fraction, a
 * 'T', an offset) are normalised.
 */
export function sqliteTimestamp(value: SqliteValue, where: () => string): string {
  if (typeof value === 'string' && SQLITE_TIMESTAMP.test(value)) return value
  const micros = sqliteEpochMicros(value, where)
  return formatEpochMicros(micros)
}

/** Microseconds since 1970-01-01 UTC of a SQLite DATETIME value. */
function sqliteEpochMicros(value: SqliteValue, where: () => string): bigint {
  if (typeof value === 'number' || typeof value === 'bigint') {
    // NUMERIC affinity turns a default such as '0' into the integer 0: the epoch itself.
    if (Number(value) === 0) return 0n
    throw new CopyError(`Cannot read the number ${String(value)} as a timestamp in ${where()}.`, 'Fix that value in the source database, then copy again.')
  }

  const match = typeof value === 'string' ? ANY_TIMESTAMP.exec(value.trim()) : null
  if (!match) throw new CopyError(`Cannot read ${JSON.stringify(typeof value === 'string' ? value.slice(0, 40) : String(value))} as a timestamp in ${where()}.`, 'Fix that value in the source database, then copy again.')
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match
  const seconds = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000
  let micros = BigInt(seconds) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6))
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1n : 1n
    const digits = zone.slice(1).replace(':', '')
    const offsetMinutes = BigInt(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'))
    micros -= sign * offsetMinutes * 60_000_000n
  }

  // Years before 1 or after 9999 do not fit either database's text form.
  if (Number(y) < 1) throw new CopyError(`The timestamp ${value as string} in ${where()} is out of range.`)
  return micros
}

function formatEpochMicros(micros: bigint): string {
  let seconds = micros / 1_000_000n
  let fraction = micros % 1_000_000n
  if (fraction < 0n) {
    fraction += 1_000_000n
    seconds -= 1n
  }

  const date = new Date(Number(seconds) * 1000)
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(Number(fraction), 6)}`
}

/**
 * The canonical form of a JSON document: as jsonb prints it (jsonb-text.ts), so that a jsonb
 * column read from the server is canonical as it comes. `strict`: parsed by JSON.parse and its keys
 * sorted at every level, the independent second opinion the copy asks for when hashes differ.
 * Text that is not JSON (SQLite checks nothing) is compared as text.
 */
export function canonicalJson(text: string, strict = false): string {
  try {
    return strict ? JSON.stringify(sortKeys(JSON.parse(text))) : jsonbText(text)
  } catch {
    return `!${text}`
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key])
  return sorted
}

function sqliteText(value: SqliteValue): string {
  if (typeof value === 'string') return value
  if (Buffer.isBuffer(value)) return value.toString('utf8')
  return String(value)
}

function sqliteBool(value: SqliteValue, where: () => string): string {
  if (value === 1 || value === 1n || value === '1' || value === 'true' || value === 't') return 't'
  if (value === 0 || value === 0n || value === '0' || value === 'false' || value === 'f') return 'f'
  throw new CopyError(`Cannot read ${JSON.stringify(String(value))} as a boolean in ${where()}.`, 'Fix that value in the source database, then copy again.')
}

/** A SQLite cell in this module's PostgreSQL text form (null stays null). */
export function sqliteToPg(kind: ColumnKind, value: SqliteValue, where: () => string): string | null {
  if (value === null) return null
  switch (kind) {
    case 'uuid':
      return sqliteText(value).toLowerCase()
    case 'timestamp':
    case 'timestamp_naive':
      return pgFormOfSqliteTimestamp(sqliteTimestamp(value, where), kind === 'timestamp')
    case 'interval':
      // SQLAlchemy stores an Interval on SQLite as the epoch plus the interval, as a DATETIME.
      return String(sqliteEpochMicros(value, where))
    case 'bool':
      return sqliteBool(value, where)
    case 'json':
    case 'jsonb':
      // As text: NUMERIC affinity stores the JSON text '5' as the integer 5.
      return sqliteText(value)
    case 'int': {
      if (typeof value !== 'string') return String(value)
      const text = value.trim()
      return /^[+-]?\d+$/.test(text) ? String(BigInt(text)) : text
    }
    case 'float':
      return String(Number(value))
    default:
      return sqliteText(value)
  }
}

/** A PostgreSQL text cell as the value Prefect's SQLite schema stores. */
export function pgToSqlite(kind: ColumnKind, text: string | null): SqliteValue {
  if (text === null) return null
  switch (kind) {
    case 'timestamp':
    case 'timestamp_naive':
      return sqliteFormOfPgTimestamp(text)
    case 'interval':
      // As SQLAlchemy writes an Interval on SQLite: the epoch plus the interval.
      return formatEpochMicros(BigInt(text))
    case 'bool':
      return text === 't' ? 1 : 0
    case 'int':
      return BigInt(text)
    case 'float':
      return Number(text)
    default:
      return text
  }
}

/** The canonical form of a PostgreSQL text cell (this module's projection). */
export function canonicalFromPg(kind: ColumnKind, text: string | null, strict = false): string | null {
  if (text === null) return null
  switch (kind) {
    case 'jsonb':
      // Printed by jsonb_out: canonical already.
      return strict ? canonicalJson(text, true) : text
    case 'json':
      return canonicalJson(text, strict)
    case 'float':
      return String(Number(text))
    default:
      return text
  }
}

/** The canonical form of a SQLite cell. */
export function canonicalFromSqlite(kind: ColumnKind, value: SqliteValue, where: () => string, strict = false): string | null {
  if (value === null) return null
  if (kind === 'raw') {
    // Between two SQLite files values go as stored: the storage class is part of the value.
    if (typeof value === 'string') return `s${value}`
    if (typeof value === 'bigint') return `i${value}`
    if (typeof value === 'number') return `r${value}`
    return `b${value.toString('hex')}`
  }

  const text = sqliteToPg(kind, value, where)
  return kind === 'json' || kind === 'jsonb' ? canonicalJson(text!, strict) : text
}
