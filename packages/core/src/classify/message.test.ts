import { describe, expect, test } from "bun:test"
import { MAX_MESSAGE_LENGTH, redactSecrets, safeMessage } from "./message.ts"

describe("redactSecrets", () => {
  const cases: [string, string, string][] = [
    ["an OpenAI project key", "Incorrect key sk-proj-AbCdEf0123456789GhIjKl used", "AbCdEf0123456789"],
    ["an Anthropic key", "x-api-key sk-ant-api03-AbCdEf0123456789_GhIjKl-MnOp is invalid", "api03-AbCdEf"],
    ["an OpenRouter key", "key sk-or-v1-0123456789abcdef0123456789abcdef is disabled", "0123456789abcdef"],
    ["a Google API key", "API key AIzaSyD-0123456789abcdefghijklmnopqrstu not valid", "SyD-0123456789"],
    ["a bearer token", "sent Authorization: Bearer eyJhbGciOi.J9eyJzdWIiOiIx.MjM0NTY3 upstream", "J9eyJzdWIiOiIx"],
    [
      "a key query parameter",
      "GET https://generativelanguage.googleapis.com/v1beta/models?key=AIzaXyz_secret&alt=sse failed",
      "Xyz_secret",
    ],
    ["an api_key query parameter", "POST https://api.example.com/v1?foo=1&api_key=abc123secret", "abc123secret"],
    ["a Groq key", "invalid gsk_0123456789abcdefghijklmnop", "0123456789abcdef"],
    ["an xAI key", "invalid xai-0123456789abcdefghijklmnop", "0123456789abcdef"],
    ["an AWS access key id", "credential AKIAIOSFODNN7EXAMPLE rejected", "IOSFODNN7EXAMPLE"],
    ["a partially masked key OpenAI echoes", "Incorrect API key provided: sk-abc***********xyz9. You can find", "xyz9"],
  ]
  for (const [kind, text, secret] of cases) {
    test(`hides ${kind}`, () => {
      const redacted = redactSecrets(text)
      expect(redacted).not.toContain(secret)
      expect(redacted).toContain("[redacted]")
    })
  }

  test("keeps ordinary prose, numbers and request ids", () => {
    const text =
      "Rate limit reached for gpt-4o in organization org-AbCdEf on tokens per min (TPM): Limit 30000, Used 29800. Bearer authentication failed for req_011CTestRequestId, risk-free task-force."
    expect(redactSecrets(text)).toBe(text)
  })
})

describe("safeMessage", () => {
  test("collapses whitespace into a single line", () => {
    expect(safeMessage("  line one\n\n\tline two  ")).toBe("line one line two")
  })

  test("truncates to the maximum length with an ellipsis", () => {
    const message = safeMessage("word ".repeat(200))
    expect(message.length).toBe(MAX_MESSAGE_LENGTH)
    expect(message.endsWith("…")).toBe(true)
  })

  test("redacts before truncating, so a key near the cut never shows", () => {
    const text = `${"a".repeat(280)} sk-ant-api03-${"Z".repeat(40)}`
    expect(safeMessage(text)).not.toContain("ZZZZ")
  })

  test("does not split a surrogate pair at the cut", () => {
    const message = safeMessage(`${"a".repeat(298)}😀😀😀`)
    expect(message.endsWith("…")).toBe(true)
    expect(/[\uD800-\uDBFF]…$/.test(message)).toBe(false)
  })

  test("a huge message costs a bounded amount of work and stays safe", () => {
    const message = safeMessage(`sk-proj-${"Q".repeat(10_000_000)}`)
    expect(message).not.toContain("QQQQ")
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
  })
})

describe("safeMessage on cut secrets", () => {
  test("drops a secret cut in half at the pre-scan limit", () => {
    // Whitespace collapses, so what sits at the pre-scan cut can end up inside the final message.
    const text = `${"\n".repeat(1_195)}sk-pr${"x".repeat(20)} tail`
    expect(safeMessage(text)).not.toContain("sk-pr")
  })

  test("keeps a message that is a single giant word", () => {
    expect(safeMessage("y".repeat(5_000)).length).toBe(MAX_MESSAGE_LENGTH)
  })
})

describe("redactSecrets, exactly", () => {
  const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
  const cases: [string, string][] = [
    ["key sk-1234567890abcdef rejected", "key sk-[redacted] rejected"],
    ["key sk-ant-api03-AbCdEf0123 rejected", "key sk-ant-[redacted] rejected"],
    [`token ${JWT} expired`, "token [redacted] expired"],
    ["sent Bearer   abc123def456 upstream", "sent Bearer [redacted] upstream"],
    ["GET /v1?KEY=abc123&Api_Key=def456&alt=sse", "GET /v1?KEY=[redacted]&Api_Key=[redacted]&alt=sse"],
    ["api_key=abcd1234 in config", "api_key=[redacted] in config"],
    ["apikey: abcd1234 in config", "apikey: [redacted] in config"],
    ["x-api-key:abcd1234", "x-api-key:[redacted]"],
    ["password  :  hunter22 here", "password  :  [redacted] here"],
    ["secret='abcd' here", "secret='[redacted]' here"],
    ['x-goog-api-key: "abcd1234"', 'x-goog-api-key: "[redacted]"'],
    ["AUTHORIZATION: Token1234", "AUTHORIZATION: [redacted]"],
    ["Incorrect API key provided:abc123XYZ. See docs", "Incorrect API key provided:[redacted]. See docs"],
    ["Incorrect API key provided:   abc123XYZ, see docs", "Incorrect API key provided:   [redacted], see docs"],
  ]
  for (const [text, redacted] of cases) {
    test(`"${text.slice(0, 40)}" keeps what says which credential it was and hides the rest`, () => {
      expect(redactSecrets(text)).toBe(redacted)
    })
  }

  test("prefixes too short to be a credential stay: AIzaSy, hf_abc, eyJ parts under 8 characters, secret=abc", () => {
    for (const text of [
      "AIzaSy is how Google keys start",
      "hf_abc and gsk_ name token kinds",
      "eyJa.bcdefghijk.sig",
      "eyJabcdefghij.k.sig",
      "secret=abc is too short",
    ])
      expect(redactSecrets(text)).toBe(text)
  })
})

describe("safeMessage, exactly", () => {
  test("a message of exactly the maximum length is kept whole; one character more is cut with an ellipsis", () => {
    const exact = "a".repeat(MAX_MESSAGE_LENGTH)
    expect(safeMessage(exact)).toBe(exact)
    expect(safeMessage(`${exact}b`)).toBe(`${"a".repeat(MAX_MESSAGE_LENGTH - 1)}…`)
  })

  test("a short message is kept whole, its last word included", () => {
    const sentence = `${"word ".repeat(20)}final`
    expect(safeMessage(sentence)).toBe(sentence)
  })

  test("a surrogate pair cut in half at the end is dropped whole; pairs before the cut are kept", () => {
    expect(safeMessage(`${"a".repeat(298)}😀😀😀`)).toBe(`${"a".repeat(298)}…`)
    expect(safeMessage(`😀${"a".repeat(400)}`)).toBe(`😀${"a".repeat(297)}…`)
  })

  test("the word the pre-scan cut in half is dropped, not just its last character", () => {
    expect(safeMessage(`${"\n".repeat(1_195)}sk-pr${"x".repeat(20)} tail`)).toBe("")
  })
})
