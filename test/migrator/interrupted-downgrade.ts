/**
 * A child process for interrupted-downgrade.test.ts: downgrades one revision of a chain whose
 * last revision runs outside a transaction (CONCURRENTLY on PostgreSQL), and whose down stops
 * half-way — its index dropped, the run not finished — so that the parent can kill it there.
 *   node --import tsx interrupted-downgrade.ts <asyncpg url>
 */
import {parseDatabaseUrl} from '../../src/db/url.js'
import type {Revision} from '../../src/migrations/types.js'
import {downgrade} from '../../src/migrator/index.js'

export const TABLE = 'dddd00000001'
export const INDEX = 'dddd00000002'

export function indexChain(options: {stallDown?: boolean} = {}): Revision[] {
  return [
    {
      revision: TABLE,
      downRevision: null,
      message: 'a table',
      transaction: true,
      async up({knex}) {
        await knex.schema.createTable('indexed', (t) => t.integer('n'))
      },
      async down({knex}) {
        await knex.schema.dropTable('indexed')
      },
    },
    {
      revision: INDEX,
      downRevision: TABLE,
      message: 'an index built concurrently',
      transaction: {sqlite: true, postgresql: false},
      async up({knex}) {
        await knex.raw('CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_indexed_n ON indexed (n)')
      },
      async down({knex}) {
        await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS ix_indexed_n')
        if (options.stallDown) {
          process.stdout.write('index dropped\n')
          await new Promise((resolve) => setTimeout(resolve, 60_000))
        }
      },
    },
  ]
}

if (process.argv[1]?.endsWith('interrupted-downgrade.ts') && process.argv[2]) {
  await downgrade(parseDatabaseUrl(process.argv[2]), {revisions: indexChain({stallDown: true}), revision: '-1'})
}
