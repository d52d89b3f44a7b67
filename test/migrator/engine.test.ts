import assert from 'node:assert/strict'
import fs from 'node:fs'

import {ExitCode, LockError, MigrationError, RevisionError} from '../../src/errors.js'
import {acquireMigrationLock} from '../../src/db/migration-lock.js'
import {currentRevision, downgrade, history, reset, stamp, upgrade} from '../../src/migrator/index.js'
import {forEachDialect} from '../harness/databases.js'
import {alembicVersion, FIRST, freshTarget, query, recorded, SECOND, tables, THIRD, tinyRevisions} from './fixtures.js'

const revisions = tinyRevisions()
const opts = {revisions, lockTimeoutSeconds: 5}

describe('migration engine', () => {
  forEachDialect((dialect) => {
    it('upgrades to head, records each revision, and a second upgrade has nothing to do', async () => {
      const db = await freshTarget(dialect)
      const first = await upgrade(db.target, opts)
      assert.deepEqual(first.applied.map((a) => a.revision), [FIRST, SECOND, THIRD])
      assert.equal(first.from, null)
      assert.equal(first.to, THIRD)
      assert.ok(first.applied.every((a) => typeof a.milliseconds === 'number' && a.message.length > 0))
      assert.deepEqual(await recorded(db), [FIRST, SECOND, THIRD])
      assert.equal(await alembicVersion(db), THIRD)
      assert.deepEqual(await tables(db), ['alembic_version', 'prefect_migrations', 't_child', 't_extra', 't_parent'])
      const again = await upgrade(db.target, opts)
      assert.deepEqual(again.applied, [])
      const state = await currentRevision(db.target, {revisions})
      assert.equal(state.revision, THIRD)
      assert.equal(state.isHead, true)
    })

    it('plans +N, unique prefixes, and refuses ambiguous or unknown revisions', async () => {
      const db = await freshTarget(dialect)
      assert.deepEqual((await upgrade(db.target, {...opts, revision: '+1'})).applied.map((a) => a.revision), [FIRST])
      await assert.rejects(upgrade(db.target, {...opts, revision: 'aaaa'}), (error: RevisionError) => {
        assert.equal(error.exitCode, ExitCode.REVISION)
        assert.match(error.message, new RegExp(`${FIRST}.*${SECOND}`))
        return true
      })
      await assert.rejects(upgrade(db.target, {...opts, revision: 'ffff'}), RevisionError)
      await assert.rejects(upgrade(db.target, {...opts, revision: 'aaa'}), RevisionError)
      await assert.rejects(upgrade(db.target, {...opts, revision: '+99'}), RevisionError)
      assert.deepEqual(await recorded(db), [FIRST])
      assert.deepEqual((await upgrade(db.target, {...opts, revision: 'bbbb'})).applied.map((a) => a.revision), [SECOND, THIRD])
    })

      it('downgrades by -1, to a revision id, and to base leaving an empty alembic_version as alembic does', async () => {
      const db = await freshTarget(dialect)
      await upgrade(db.target, opts)
      const one = await downgrade(db.target, opts)
      assert.deepEqual(one.applied.map((a) => [a.revision, a.direction]), [[THIRD, 'downgrade']])
      assert.deepEqual(await recorded(db), [FIRST, SECOND])
      assert.equal(await alembicVersion(db), SECOND)
      await assert.rejects(downgrade(db.target, {...opts, revision: THIRD}), RevisionError)
      await downgrade(db.target, {...opts, revision: FIRST})
      assert.deepEqual(await recorded(db), [FIRST])
      assert.ok(!(await tables(db)).includes('t_extra'))
      await downgrade(db.target, {...opts, revision: 'base'})
      assert.deepEqual(await tables(db), ['alembic_version'])
      assert.equal(await alembicVersion(db), null)
      await assert.rejects(downgrade(db.target, opts), (error: RevisionError) => error.exitCode === ExitCode.REVISION && /base/.test(error.message))
      assert.deepEqual((await downgrade(db.target, {...opts, revision: 'base'})).applied, [])
    })

    it('stamps only the record, changing no schema', async () => {
      const db = await freshTarget(dialect)
      const result = await stamp(db.target, 'head', opts)
      assert.equal(result.to, THIRD)
      assert.deepEqual(await tables(db), ['alembic_version', 'prefect_migrations'])
      assert.equal(await alembicVersion(db), THIRD)
      await stamp(db.target, FIRST, opts)
      assert.equal(await alembicVersion(db), FIRST)
      assert.equal((await currentRevision(db.target, {revisions})).revision, FIRST)
      await stamp(db.target, 'base', opts)
      assert.equal(await alembicVersion(db), null)
      assert.deepEqual(await recorded(db), [])
    })

    it("resets the chain's own tables to a clean head and keeps every other table with its rows", async () => {
      const db = await freshTarget(dialect)
      await upgrade(db.target, opts)
      await query(db, 'CREATE TABLE stray (id integer)')
      await query(db, 'INSERT INTO t_parent (id) VALUES (1)')
      await query(db, 'INSERT INTO stray (id) VALUES (7)')
      const phases: string[] = []
      const result = await reset(db.target, {...opts, ownedTables: ['t_parent', 't_child', 't_extra'], onPhase: (phase) => phases.push(phase)})
      assert.deepEqual(phases, ['drop', 'upgrade'])
      assert.deepEqual(result.keptTables, ['stray'])
      assert.deepEqual([...result.droppedTables!].sort(), ['alembic_version', 'prefect_migrations', 't_child', 't_extra', 't_parent'])
      assert.deepEqual(await tables(db), ['alembic_version', 'prefect_migrations', 'stray', 't_child', 't_extra', 't_parent'])
      assert.deepEqual(await query(db, 'SELECT id FROM stray'), [{id: 7}])
      assert.deepEqual(await query(db, 'SELECT * FROM t_parent'), [])
      assert.deepEqual(await recorded(db), [FIRST, SECOND, THIRD])
    })

    it('refuses a database with tables but no alembic_version, and names no destructive command', async () => {
      const db = await freshTarget(dialect)
      await query(db, 'CREATE TABLE customers (id integer)')
      await assert.rejects(upgrade(db.target, opts), (error: MigrationError) => {
        assert.equal(error.exitCode, ExitCode.MIGRATION)
        assert.match(error.message, /customers/)
        assert.match(error.line, /stamp/)
        // Names no destructive command as the way out, but says what reset would drop: nothing here.
        assert.match(error.line, /'reset' would drop none of them: none is Prefect's/)
        return true
      })
      assert.deepEqual(await tables(db), ['customers'])
    })

    it('takes over a database another alembic run left at a revision of its chain, without our log', async () => {
      const db = await freshTarget(dialect)
      await upgrade(db.target, {...opts, revision: FIRST})
      await query(db, 'DROP TABLE prefect_migrations')
      assert.deepEqual((await upgrade(db.target, opts)).applied.map((a) => a.revision), [SECOND, THIRD])
      assert.equal(await alembicVersion(db), THIRD)
      const entries = await history(db.target, {revisions})
      assert.deepEqual(entries.map((e) => [e.revision, e.applied, e.appliedAt === null]), [[THIRD, true, false], [SECOND, true, false], [FIRST, true, true]])
    })

    it('refuses a database at a revision it does not know (newer), changing nothing', async () => {
      const db = await freshTarget(dialect)
      await upgrade(db.target, {...opts, revision: FIRST})
      await query(db, "UPDATE alembic_version SET version_num = 'c0ffee000000'")
      await assert.rejects(upgrade(db.target, opts), (error: MigrationError) => error.exitCode === ExitCode.NEWER_DATABASE && /c0ffee000000/.test(error.message) && /newer/.test(error.message))
      await assert.rejects(downgrade(db.target, {...opts, revision: 'base'}), (error: MigrationError) => error.exitCode === ExitCode.NEWER_DATABASE)
      await assert.rejects(currentRevision(db.target, {revisions}), /c0ffee000000/)
      assert.equal(await alembicVersion(db), 'c0ffee000000')
      assert.ok((await tables(db)).includes('t_parent'))
    })

    it('refuses a database made by the earlier 17-revision chain (prefect_migrations only), changing nothing', async () => {
      const db = await freshTarget(dialect)
      await query(db, 'CREATE TABLE prefect_migrations (revision varchar(12) not null primary key, applied_at timestamp not null, execution_ms integer not null)')
      await query(db, "INSERT INTO prefect_migrations VALUES ('14d2c846dfca', CURRENT_TIMESTAMP, 3)")
      await query(db, 'CREATE TABLE flow (id integer)')
      await assert.rejects(upgrade(db.target, opts), (error: MigrationError) => {
        assert.equal(error.exitCode, ExitCode.MIGRATION)
        assert.match(error.message, /earlier prefect-dbadmin/)
        assert.match(error.message, /14d2c846dfca/)
        assert.match(error.line, /reset/)
        return true
      })
      assert.deepEqual(await tables(db), ['flow', 'prefect_migrations'])
    })

    it('rolls a failing revision back and stays at the revision before it', async () => {
      const db = await freshTarget(dialect)
      const broken = tinyRevisions()
      broken[1] = {...broken[1], async up({knex}) {
        await knex.schema.createTable('t_extra', (t) => t.string('name'))
        await knex.raw('SELECT * FROM no_such_table')
      }}
      await assert.rejects(upgrade(db.target, {...opts, revisions: broken}), (error: MigrationError) => error.exitCode === ExitCode.MIGRATION && error.message.includes(SECOND))
      assert.deepEqual(await recorded(db), [FIRST])
      assert.ok(!(await tables(db)).includes('t_extra'))
    })

    it('runs two concurrent upgrades one after the other: both succeed, each revision applied once', async () => {
      const db = await freshTarget(dialect)
      const slow = tinyRevisions({slowMs: 300})
      const waits: string[] = []
      const results = await Promise.all([
        upgrade(db.target, {revisions: slow, lockTimeoutSeconds: 30, onWait: (m) => waits.push(m)}),
        upgrade(db.target, {revisions: slow, lockTimeoutSeconds: 30, onWait: (m) => waits.push(m)}),
      ])
      const applied = results.flatMap((r) => r.applied.map((a) => a.revision)).sort()
      assert.deepEqual(applied, [FIRST, SECOND, THIRD])
      assert.equal(waits.length, 1)
      assert.match(waits[0], new RegExp(`pid ${process.pid}`))
      assert.deepEqual(await recorded(db), [FIRST, SECOND, THIRD])
    })

    it('gives up after --lock-timeout naming the holder', async () => {
      const db = await freshTarget(dialect)
      const slow = tinyRevisions({slowMs: 2500})
      const holder = upgrade(db.target, {revisions: slow, lockTimeoutSeconds: 30})
      await new Promise((resolve) => setTimeout(resolve, 500))
      await assert.rejects(upgrade(db.target, {revisions: slow, lockTimeoutSeconds: 1}), (error: LockError) => {
        assert.equal(error.exitCode, ExitCode.LOCK, error.message)
        assert.match(error.message, new RegExp(`pid ${process.pid}`))
        assert.match(error.message, /upgrade on host/)
        return true
      })
      await holder
    })

    it('an upgrade with nothing to do answers as through knex (echo on), and still waits for the lock', async () => {
      const db = await freshTarget(dialect)
      await upgrade(db.target, opts)
      const statements: string[] = []
      const throughKnex = await upgrade(db.target, {...opts, onQuery: (sql) => statements.push(sql)})
      assert.ok(statements.some((sql) => /alembic_version/.test(sql)), 'the echoed run went through knex')
      assert.deepEqual(await upgrade(db.target, opts), throughKnex)
      assert.deepEqual(throughKnex.applied, [])
      // While a slow upgrade holds the lock, an upgrade waits for it, then finds nothing left to do.
      const busy = await freshTarget(dialect)
      await upgrade(busy.target, {...opts, revision: SECOND})
      const upgrading = upgrade(busy.target, {revisions: tinyRevisions({slowMs: 1500}), lockTimeoutSeconds: 30})
      await new Promise((resolve) => setTimeout(resolve, 400))
      const waits: string[] = []
      const after = await upgrade(busy.target, {...opts, lockTimeoutSeconds: 30, onWait: (m) => waits.push(m)})
      assert.deepEqual((await upgrading).applied.map((a) => a.revision), [THIRD])
      assert.equal(waits.length, 1)
      assert.deepEqual([after.applied, after.from, after.to], [[], THIRD, THIRD])
      // At head while another run holds the lock: the no-op answer waits for it (said once), then answers.
      const held = await acquireMigrationLock(busy.target, {action: 'downgrade', timeoutSeconds: 5})
      const heldWaits: string[] = []
      const pending = upgrade(busy.target, {...opts, lockTimeoutSeconds: 30, onWait: (m) => heldWaits.push(m)})
      await new Promise((resolve) => setTimeout(resolve, 400))
      assert.equal(heldWaits.length, 1)
      await held.release()
      assert.deepEqual((await pending).applied, [])
      assert.equal(heldWaits.length, 1)
    })

    it('answers current and history while a migration holds the lock', async () => {
      const db = await freshTarget(dialect)
      await upgrade(db.target, {...opts, revision: FIRST})
      const running = upgrade(db.target, {revisions: tinyRevisions({slowMs: 1500}), lockTimeoutSeconds: 30})
      await new Promise((resolve) => setTimeout(resolve, 400))
      const state = await currentRevision(db.target, {revisions})
      assert.equal(state.revision, FIRST)
      const entries = await history(db.target, {revisions})
      assert.deepEqual(entries.map((e) => e.revision), [THIRD, SECOND, FIRST])
      assert.equal(entries[2].isCurrent, true)
      await running
    })

    it('dry-run prints the SQL and changes nothing', async () => {
      const db = await freshTarget(dialect)
      const planned = await upgrade(db.target, {...opts, dryRun: true})
      assert.equal(planned.dryRun, true)
      assert.deepEqual(planned.applied.map((a) => a.revision), [FIRST, SECOND, THIRD])
      const sql = planned.sql!.join('\n')
      assert.match(sql, /create table .t_parent./i)
      assert.match(sql, /ix_child_parent/)
      if (dialect === 'sqlite') assert.equal(fs.existsSync(db.file!), false)
      else assert.deepEqual(await tables(db), [])
      await upgrade(db.target, opts)
      const back = await downgrade(db.target, {...opts, revision: 'base', dryRun: true})
      assert.match(back.sql!.join('\n'), /drop table .t_parent./i)
      assert.deepEqual(await recorded(db), [FIRST, SECOND, THIRD])
    })
  })

  it('reports a SQLite database that does not exist yet without creating it', async () => {
    const db = await freshTarget('sqlite')
    const state = await currentRevision(db.target, {revisions})
    assert.equal(state.exists, false)
    assert.equal(state.revision, null)
    assert.equal((await history(db.target, {revisions})).some((e) => e.applied), false)
    assert.equal(fs.existsSync(db.file!), false)
  })

  it('refuses a SQLite revision that deletes parent rows its children still point at (a table it did not write), rolling it back', async () => {
    const db = await freshTarget('sqlite')
    await upgrade(db.target, {...opts, revision: FIRST})
    await query(db, 'INSERT INTO t_parent (id) VALUES (1)')
    await query(db, 'INSERT INTO t_child (id, parent_id) VALUES (10, 1)')
    const bad = tinyRevisions()
    bad[1] = {...bad[1], async up({knex}) {
      await knex.schema.createTable('t_extra', (t) => t.string('name'))
      await knex.raw('DELETE FROM t_parent')
    }}
    await assert.rejects(upgrade(db.target, {...opts, revisions: bad}), /foreign key violation.*t_child → t_parent/i)
    assert.deepEqual(await recorded(db), [FIRST])
    assert.deepEqual(await query(db, 'SELECT id FROM t_parent'), [{id: 1}])
  })

  it('refuses a SQLite revision that leaves foreign key violations, rolling it back', async () => {
    const db = await freshTarget('sqlite')
    const bad = tinyRevisions()
    bad[1] = {...bad[1], async up({knex}) {
      await knex.schema.createTable('t_extra', (t) => t.string('name'))
      await knex('t_child').insert({id: 1, parent_id: 42})
    }}
    await assert.rejects(upgrade(db.target, {...opts, revisions: bad}), /foreign key/i)
    assert.deepEqual(await recorded(db), [FIRST])
    assert.deepEqual(await query(db, 'SELECT * FROM t_child'), [])
  })
})
