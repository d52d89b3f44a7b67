import {MigrationError} from '../errors.js'

export {CopyMismatchError, CopyRefusedError} from '../errors.js'

/** A value the copy cannot carry across (exit 5, as any failed write: nothing was committed). */
export class CopyError extends MigrationError {}
