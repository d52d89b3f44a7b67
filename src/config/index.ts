/**
 * The settings service. CONTRACT (other modules rely on these names and shapes):
 *   resolveSettings(options) -> ResolvedSettings   every setting with its typed value and source
 *   databaseTarget(settings) -> DatabaseTarget      the connection description for src/db
 */
export type {ResolvedSetting, ResolvedSettings, ResolveOptions, SettingSource} from './types.js'
export {promptSetting, resolvePromptSetting, resolveSettings, settingsContext, type SettingsContext} from './resolve.js'
export {databaseTarget, databaseUrl, connectionOptions} from './database.js'
export {SETTINGS, findSetting, validSettingNames, type SettingDefinition, type SettingType} from './registry.js'
export {loadProfiles, loadProfilesStrict, updateProfiles, BUILTIN_PROFILES, type ProfilesState} from './profiles.js'
