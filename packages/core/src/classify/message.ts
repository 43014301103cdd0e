/** Longest message a classification carries, in characters. */
export const MAX_MESSAGE_LENGTH = 300

const REDACTED = "[redacted]"

// Each rule keeps a recognisable prefix (so a reader still sees which kind of credential leaked) and drops the rest.
const SECRET_RULES: readonly { pattern: RegExp; replace: string }[] = [
  // Anthropic, OpenAI (incl. project and service-account keys), OpenRouter, DeepSeek, Moonshot: sk-..., sk-ant-...
  { pattern: /\b(sk-(?:ant-|or-v1-|proj-|svcacct-)?)[A-Za-z0-9_*-]{8,}/g, replace: `$1${REDACTED}` },
  // Google API keys.
  { pattern: /\bAIza[0-9A-Za-z_-]{20,}/g, replace: `AIza${REDACTED}` },
  // Groq, xAI, Hugging Face, Fireworks, GitHub tokens.
  { pattern: /\b(gsk_|xai-|hf_|fw_|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_)[A-Za-z0-9_]{12,}/g, replace: `$1${REDACTED}` },
  // AWS access key ids.
  { pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: `$1${REDACTED}` },
  // JSON Web Tokens (OAuth access tokens, Vertex).
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, replace: REDACTED },
  // Authorization header values; the token must hold a digit so prose like "Bearer authentication" survives.
  { pattern: /\b(Bearer|Basic)\s+(?=[^\s"']*\d)[A-Za-z0-9._~+/=-]{8,}/gi, replace: `$1 ${REDACTED}` },
  // Credentials in URL query strings: ?key=..., &api_key=..., &access_token=...
  {
    pattern: new RegExp(
      `([?&;](?:key|api[_-]?key|apikey|access[_-]?token|token|auth|sig|signature|client[_-]?secret|secret|password)=)` +
        `[^&\\s#"'<>]+`,
      "gi",
    ),
    replace: `$1${REDACTED}`,
  },
  // Header-like or config-like text: "x-api-key: ...", "api_key=...", "Authorization: ...".
  {
    pattern: /\b((?:x-)?(?:api[_-]?key|authorization|x-goog-api-key|secret|password)\s*[:=]\s*["']?)[^\s"',;&]{4,}/gi,
    replace: `$1${REDACTED}`,
  },
  // OpenAI, xAI: "Incorrect API key provided: sk-proj-****abcd." shows part of the key.
  { pattern: /(API key provided:\s*)[^\s.,;]+/gi, replace: `$1${REDACTED}` },
]

// One scan tells whether any rule can apply, so the common text without a secret costs a single pass.
const ANY_SECRET = new RegExp(SECRET_RULES.map((rule) => `(?:${rule.pattern.source})`).join("|"), "i")

/** Replaces anything that looks like an API key, token or credential in the text with a redaction marker. */
export function redactSecrets(text: string): string {
  if (!ANY_SECRET.test(text)) return text
  return SECRET_RULES.reduce((current, rule) => current.replace(rule.pattern, rule.replace), text)
}

// Only whitespace other than single spaces needs folding; most vendor messages have none.
const SPACING = /[^\S ]|  /

/** Makes text fit for logs and UIs: one line, secrets redacted, at most `max` characters. */
export function safeMessage(text: string, max: number = MAX_MESSAGE_LENGTH): string {
  const head = text.length > max * 4 ? cutHead(text, max * 4) : text
  const line = redactSecrets((SPACING.test(head) ? head.replace(/\s+/g, " ") : head).trim())
  if (line.length <= max) return line
  const cut = line.slice(0, Math.max(0, max - 1))
  // Do not leave half of a surrogate pair at the end.
  const clean = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
  return `${clean}…`
}

/**
 * Cuts a long text before the regex work so a huge message costs little. The last partial word is dropped so a
 * secret cut in half is not left behind too short to be recognised; a text that is one giant word is kept whole.
 */
function cutHead(text: string, length: number): string {
  const cut = text.slice(0, length)
  return /\s/.test(cut) ? cut.replace(/\S*$/, "") : cut
}
