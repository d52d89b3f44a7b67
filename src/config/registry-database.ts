import {define, type SettingDefinition} from './setting-types.js'

/**
 * server.database.*: canonical PREFECT_SERVER_DATABASE_*, silent legacy PREFECT_API_DATABASE_*,
 * and Prefect 2's PREFECT_ORION_DATABASE_* (removed in Prefect 2.13, but old docs and scripts
 * still use them) accepted with a deprecation warning.
 */
function legacy(suffix: string) {
  return [`PREFECT_API_DATABASE_${suffix}`, {name: `PREFECT_ORION_DATABASE_${suffix}`, deprecated: true}]
}

export const DATABASE_SETTINGS: SettingDefinition[] = [
  define('server.database.connection_url', {
    type: 'string',
    secret: true,
    aliases: legacy('CONNECTION_URL'),
    description: 'The database URL; unset: SQLite in PREFECT_HOME.',
  }),
  define('server.database.driver', {
    type: 'enum',
    choices: ['postgresql+asyncpg', 'sqlite+aiosqlite'],
    aliases: legacy('DRIVER'),
    description: 'Driver used to build a URL from the parts below.',
  }),
  define('server.database.host', {type: 'string', aliases: legacy('HOST'), description: 'Database host.'}),
  define('server.database.port', {
    type: 'int',
    default: 5432,
    nullable: true,
    min: 1,
    max: 65_535,
    aliases: legacy('PORT'),
    description: 'Database port of a URL built from the parts.',
  }),
  define('server.database.user', {type: 'string', aliases: legacy('USER'), description: 'Database user.'}),
  define('server.database.name', {
    type: 'string',
    aliases: legacy('NAME'),
    description: 'PostgreSQL database name, or the SQLite file path.',
  }),
  define('server.database.password', {type: 'string', secret: true, aliases: legacy('PASSWORD'), description: 'Database password.'}),
  define('server.database.echo', {type: 'bool', default: false, aliases: legacy('ECHO'), description: 'Log every SQL statement.'}),
  define('server.database.migrate_on_start', {
    type: 'bool',
    default: true,
    aliases: legacy('MIGRATE_ON_START'),
    description: 'Migrate when the server starts.',
  }),
  define('server.database.timeout', {
    type: 'float',
    default: 10,
    nullable: true,
    positive: true,
    aliases: legacy('TIMEOUT'),
    description: 'Statement timeout in seconds.',
  }),
  define('server.database.connection_timeout', {
    type: 'float',
    default: 5,
    nullable: true,
    positive: true,
    aliases: legacy('CONNECTION_TIMEOUT'),
    description: 'Connection timeout in seconds.',
  }),
  define('server.database.migration_timeout', {
    type: 'float',
    positive: true,
    description: 'Statement timeout while migrating (PostgreSQL); unset: none.',
  }),
  define('server.database.backup_keep', {
    type: 'int',
    default: 5,
    min: 0,
    description: 'Automatic backups (before reset, a downgrade that drops data, a restore over data) kept in PREFECT_HOME/backups; older ones are removed.',
  }),
  define('server.database.sqlalchemy.pool_size', {
    type: 'int',
    default: 5,
    min: 0,
    aliases: ['PREFECT_SQLALCHEMY_POOL_SIZE'],
    description: 'Connection pool size.',
  }),
  define('server.database.sqlalchemy.max_overflow', {
    type: 'int',
    default: 10,
    min: 0,
    aliases: ['PREFECT_SQLALCHEMY_MAX_OVERFLOW'],
    description: 'Connections allowed beyond the pool size.',
  }),
  define('server.database.sqlalchemy.pool_recycle', {type: 'int', default: 3600, description: 'Recycle connections after this many seconds.'}),
  define('server.database.sqlalchemy.pool_timeout', {
    type: 'float',
    default: 30,
    nullable: true,
    description: 'Seconds to wait for a pooled connection.',
  }),
  define('server.database.sqlalchemy.connect_args.application_name', {type: 'string', description: 'PostgreSQL application_name.'}),
  define('server.database.sqlalchemy.connect_args.search_path', {type: 'string', description: 'PostgreSQL search_path (keep public in it for pg_trgm).'}),
  define('server.database.sqlalchemy.connect_args.statement_cache_size', {type: 'int', min: 0, description: 'asyncpg statement cache size.'}),
  define('server.database.sqlalchemy.connect_args.prepared_statement_cache_size', {
    type: 'int',
    min: 0,
    description: 'asyncpg prepared statement cache size.',
  }),
  define('server.database.sqlalchemy.connect_args.tls.enabled', {type: 'bool', default: false, description: 'Connect with TLS.'}),
  define('server.database.sqlalchemy.connect_args.tls.ca_file', {type: 'path', description: 'CA bundle for TLS.'}),
  define('server.database.sqlalchemy.connect_args.tls.cert_file', {type: 'path', description: 'Client certificate for TLS.'}),
  define('server.database.sqlalchemy.connect_args.tls.key_file', {type: 'path', description: 'Client key for TLS.'}),
  define('server.database.sqlalchemy.connect_args.tls.check_hostname', {type: 'bool', default: true, description: 'Check the server name in TLS.'}),
]
