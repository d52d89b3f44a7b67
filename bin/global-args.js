// Prefect takes its global options before the command (`prefect -p local --no-prompt config view`);
// oclif reads flags after the command id, so move leading --profile/-p and --[no-]prompt behind it.
// `prefect -v` and `prefect --version` (Prefect's version flags) run the `version` command.
export function withGlobalOptionsLast(argv) {
  const args = [...argv]
  const leading = []
  while (/^(-p|--profile)(=.*)?$|^--(no-)?prompt$/.test(args[0] ?? '')) {
    const flag = args.shift()
    leading.push(flag)
    if (/^(-p|--profile)$/.test(flag) && args.length > 0) leading.push(args.shift())
  }

  if (args[0] === '-v' || args[0] === '--version') args[0] = 'version'
  return [...args, ...leading]
}
