/**
 * A Redis URL without its user name, password or query, fit for logs and messages.
 *
 * @example redactRedisUrl("rediss://default:secret@cache.example.com:6380/2") // "rediss://cache.example.com:6380/2"
 */
export function redactRedisUrl(url: string): string {
  const parsed = parseUrl(url)
  // The input is never echoed back: a string that is not a URL may still hold a password.
  if (!parsed) return "(not a valid URL)"
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`
}

/**
 * Removes the credentials of `url` from any text: the URL itself (replaced by its redacted form), its password as
 * written and decoded, and the user part of any Redis URL.
 */
export function secretScrubber(url: string): (text: string) => string {
  if (url === "") return (text) => text
  const password = parseUrl(url)?.password ?? ""
  const secrets = [password, decode(password)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length)
  return (text) => {
    const plain = secrets.reduce(
      (result, secret) => result.split(secret).join("***"),
      text.split(url).join(redactRedisUrl(url)),
    )
    return plain.replace(/rediss?:\/\/[^\s"'<>]*/gi, (found) => redactRedisUrl(found))
  }
}

/** The URL, when it is one. */
export function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
