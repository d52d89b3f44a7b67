export * from './errors.js'
export type {DatabaseTarget, Dialect} from './db/target.js'
export {parseDatabaseUrl, maskUrl} from './db/url.js'
