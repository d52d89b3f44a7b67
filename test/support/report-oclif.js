// Preloaded (node --import) by the lane tests: says on stderr, as the process ends, whether oclif
// was loaded (its core sets globalThis.oclif when it loads).
process.on('exit', () => process.stderr.write(`[oclif loaded: ${globalThis.oclif !== undefined}]\n`))
