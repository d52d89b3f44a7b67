/**
 * Masking of secrets in text meant for a person or a log: the bottom layer, imported by ui,
 * config and db alike (it imports nothing of ours).
 */

/** Mask the password of anything that looks like a URL, even a malformed one. */
export function maskUrl(raw: string): string {
  let masked = raw.replace(/^([^:/?#]+:\/\/[^/?#@]*?:)(.*)@(?=[^@]*$)/s, '$1***@')
  masked = masked.replace(/([?&]password=)[^&#]*/gi, '$1***')
  return masked
}

const URL_PATTERN = /[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+/g
const registered = new Set<string>()

/**
 * Remember a secret value (a password, an API key) so that maskSecrets hides it wherever it
 * appears, even outside a URL: in a driver's error message, say.
 */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 3) {
    registered.add(value)
    registered.add(encodeURIComponent(value))
  }
}

/** Mask URL passwords and every registered secret in a text meant for a person or a log. */
export function maskSecrets(text: string): string {
  let masked = text.replace(URL_PATTERN, (url) => maskUrl(url))
  for (const secret of registered) masked = masked.split(secret).join('***')
  return masked
}
