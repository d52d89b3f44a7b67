import {parseDatabaseUrl} from '../db/url.js'
import {maskUrl} from '../mask.js'
import {isPrefectError} from '../errors.js'

/**
 * The database connection URL as a setting value (under any of its names): checked with the
 * parser the database commands use, so that `config set` and `config validate` refuse what
 * `server database …` would refuse, with the same words; shown with only its password masked.
 */
export const CONNECTION_URL = 'PREFECT_SERVER_DATABASE_CONNECTION_URL'

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//
/** user:password@ at the start of a value written without a scheme (u:p@host/db). */
const BARE_USERINFO = /^([^/?#@:]*:)(.*)@(?=[^@]*$)/s

function expandHome(url: string, home: string): string {
  return url.replaceAll('${PREFECT_HOME}', home).replaceAll(/\$PREFECT_HOME(?![A-Za-z0-9_])/g, home)
}

/** The password inside a URL's user-info (percent-decoded), with or without a scheme; null if none. */
export function databaseUrlPassword(url: string): string | null {
  const text = url.trim()
  const password = SCHEME.test(text) ? /^[^:/?#]+:\/\/[^/?#@]*?:(.*)@(?=[^@]*$)/s.exec(text)?.[1] : BARE_USERINFO.exec(text)?.[2]
  if (!password) return null
  try {
    return decodeURIComponent(password)
  } catch {
    return password
  }
}

/** The URL as the database commands show it: its password as ***, the rest as written. */
export function displayDatabaseUrl(url: string): string {
  const masked = maskUrl(url)
  return SCHEME.test(url.trim()) ? masked : masked.replace(BARE_USERINFO, '$1***@')
}

/**
 * Why the database commands would refuse this URL (the parser's own line, password masked), or
 * null when they would take it. ${PREFECT_HOME} is expanded first, as they do; the password
 * placeholders are left in (the password may be set elsewhere, later).
 */
export function databaseUrlProblem(raw: string, home: string): string | null {
  const url = expandHome(raw.trim(), home)
  try {
    parseDatabaseUrl(url)
    return null
  } catch (error) {
    if (!isPrefectError(error)) throw error
    // The parser masks the password of a URL; a value without a scheme it quotes as written.
    return error.line.replace(maskUrl(url), () => displayDatabaseUrl(url))
  }
}
