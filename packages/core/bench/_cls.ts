import { APICallError } from "@ai-sdk/provider"
import { classify, DEFAULT_POLICY, emptyState, planAttempts } from "../src/index.ts"
import { medianNs } from "./measure.ts"
const e = new APICallError({ message: "Rate limit reached for gpt-5 in organization org-x on requests per min (RPM): Limit 500, Used 500.", url: "https://api.openai.com/v1/chat/completions", requestBodyValues: {}, statusCode: 429, responseHeaders: { "retry-after": "20", "x-ratelimit-reset-requests": "20s", "content-type": "application/json" }, responseBody: '{"error":{"message":"Rate limit reached for gpt-5","type":"requests","param":null,"code":"rate_limit_exceeded"}}', isRetryable: true })
const pool = { name: "agent.build", members: ["openai/gpt-5", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-pro"], policy: DEFAULT_POLICY }
const state = emptyState()
console.log("classify", (await medianNs(() => classify(e), 5000)) / 1000)
console.log("plan", (await medianNs(() => planAttempts({ pool, state, now: Date.now() }), 5000)) / 1000)
