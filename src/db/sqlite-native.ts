import {createRequire} from 'node:module'

let found: string | null | undefined

/**
 * better-sqlite3's compiled addon, for its `nativeBinding` option: without it the driver's first
 * open looks the addon up through the `bindings` package, which tries a dozen paths first (about
 * 5 ms of every SQLite run's start-up). Empty, and the driver looks as usual, when it is not where
 * an installed better-sqlite3 keeps it.
 */
export function sqliteNativeBinding(): {nativeBinding?: string} {
  if (found === undefined) {
    try {
      // resolve() of a file's path throws when the file is not there.
      found = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node')
    } catch {
      found = null
    }
  }

  return found ? {nativeBinding: found} : {}
}
