import type {Knex} from 'knex'

/**
 * Rows as comparable plain values: ordered by id, dates as ISO strings, JSON text parsed, SQLite's
 * 0/1 booleans kept as numbers (each comparison stays within one dialect).
 */
export async function snapshot(knex: Knex, table: string, columns: string[] = ['*']): Promise<Array<Record<string, unknown>>> {
  const rows = (await knex(table).select(columns).orderBy('id')) as Array<Record<string, unknown>>
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, plain(value)])))
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown
    } catch {
      return value
    }
  }

  return value
}

/** JSON for an insert: pg would send a JS array as a PostgreSQL array, so always send text. */
export const json = (value: unknown): string => JSON.stringify(value)
