import {createTable, jsonDefault, runStatements} from './helpers/columns.js'
import type {Revision} from './types.js'

const revision: Revision = {
  revision: '14d2c846dfca',
  downRevision: null,
  message: 'Initial schema: block types, schemas and documents, and the configuration table',
  transaction: true,
  async up(context) {
    const {knex, dialect} = context
    await createTable(context, 'block_type', (t) => {
      t.string('name').notNullable()
      t.string('slug').notNullable()
      t.string('logo_url')
      t.string('documentation_url')
      t.text('description')
      t.text('code_example')
      t.boolean('is_protected').notNullable().defaultTo(knex.raw('false'))
    })
    await createTable(context, 'block_schema', (t) => {
      t.string('checksum').notNullable()
      t.jsonb('fields').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.jsonb('capabilities').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.string('version').notNullable().defaultTo('non-versioned')
      t.uuid('block_type_id').notNullable()
      t.foreign('block_type_id', 'fk_block_schema__block_type_id__block_type').references('id').inTable('block_type').onDelete('CASCADE')
      t.index(['block_type_id'], 'ix_block_schema__block_type_id')
      t.index(['created'], 'ix_block_schema__created')
    })
    await createTable(context, 'block_schema_reference', (t) => {
      t.string('name').notNullable()
      t.uuid('parent_block_schema_id').notNullable()
      t.uuid('reference_block_schema_id').notNullable()
      t.foreign('parent_block_schema_id', 'fk_block_schema_reference__parent_block_schema_id__block_schema')
        .references('id').inTable('block_schema').onDelete('CASCADE')
      t.foreign('reference_block_schema_id', 'fk_block_schema_reference__reference_block_schema_id__b_6c1a')
        .references('id').inTable('block_schema').onDelete('CASCADE')
    })
    await createTable(context, 'block_document', (t) => {
      t.string('name').notNullable()
      t.jsonb('data').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.boolean('is_anonymous').notNullable().defaultTo(knex.raw('false'))
      t.string('block_type_name')
      t.uuid('block_type_id').notNullable()
      t.uuid('block_schema_id').notNullable()
      t.foreign('block_type_id', 'fk_block_document__block_type_id__block_type').references('id').inTable('block_type').onDelete('CASCADE')
      t.foreign('block_schema_id', 'fk_block_document__block_schema_id__block_schema').references('id').inTable('block_schema').onDelete('CASCADE')
      t.index(['name'], 'ix_block_document__name')
      t.index(['is_anonymous'], 'ix_block_document__is_anonymous')
      t.index(['block_type_name', 'name'], 'ix_block_document__block_type_name__name')
    })
    await createTable(context, 'block_document_reference', (t) => {
      t.string('name').notNullable()
      t.uuid('parent_block_document_id').notNullable()
      t.uuid('reference_block_document_id').notNullable()
      t.foreign('parent_block_document_id', 'fk_block_document_reference__parent_block_document_id__b_5759')
        .references('id').inTable('block_document').onDelete('CASCADE')
      t.foreign('reference_block_document_id', 'fk_block_document_reference__reference_block_document_id__3ec7')
        .references('id').inTable('block_document').onDelete('CASCADE')
    })
    await createTable(context, 'configuration', (t) => {
      t.string('key').notNullable()
      t.jsonb('value').notNullable()
    })
    const statements = [
      'CREATE UNIQUE INDEX uq_block_type__slug ON block_type (slug)',
      'CREATE UNIQUE INDEX uq_block_schema__checksum_version ON block_schema (checksum, version)',
      'CREATE UNIQUE INDEX uq_block__type_id_name ON block_document (block_type_id, name)',
      'CREATE UNIQUE INDEX ix_configuration__key ON configuration (key)',
    ]
    await runStatements(context, statements)
    // Capability filters use jsonb containment, which only a GIN index serves; SQLite has no equivalent.
    if (dialect === 'postgresql') await knex.raw('CREATE INDEX ix_block_schema__capabilities ON block_schema USING gin (capabilities)')
  },
  async down({knex}) {
    for (const table of ['configuration', 'block_document_reference', 'block_document', 'block_schema_reference', 'block_schema', 'block_type']) {
      await knex.schema.dropTable(table)
    }
  },
}

export default revision
