// The entry bin/run.js starts oclif from. After the build it is a bundle that shares its copy of
// oclif's core with every command (build/bundle-commands.mjs), so one Command class and one Config
// serve our commands (the help and autocomplete commands of oclif's plugins load their own copy).
export {execute} from '@oclif/core'
