import type { LanguageModelV3Prompt } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { model } from "../../test/package-fixture.ts"
import { memberModel } from "./from-opencode.ts"
import { withoutUnreadable, type InputModalities } from "./input-modalities.ts"
import { shapeCall } from "./shape-call.ts"

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
const TEXT_ONLY: InputModalities = { image: false, audio: false, video: false, pdf: false }
const SEES: InputModalities = { ...TEXT_ONLY, image: true }

const PICTURE = { type: "file", data: PNG, mediaType: "image/png", filename: "pixel.png" } as const
const NOTES = { type: "file", data: "aGk=", mediaType: "text/plain", filename: "notes.txt" } as const

/** A user message with a picture, a PDF without a name, a recording and a text file; a tool result with a picture. */
const PROMPT: LanguageModelV3Prompt = [
  {
    role: "user",
    content: [
      { type: "text", text: "describe" },
      PICTURE,
      { type: "file", data: "JVBERi0=", mediaType: "application/pdf" },
      { type: "file", data: "AAAA", mediaType: "audio/wav", filename: "" },
      NOTES,
    ],
  },
  {
    role: "tool",
    content: [
      {
        type: "tool-result",
        toolCallId: "c1",
        toolName: "read",
        output: { type: "content", value: [{ type: "file-data", data: "iVBO", mediaType: "image/png" }] },
      },
    ],
  },
]

const SOURCE = {
  member: "beta/gpt-b",
  providerID: "beta",
  modelID: "gpt-b",
  apiID: "gpt-b",
  npm: "@ai-sdk/openai-compatible",
} as const

/** The member as the plugin reads it from OpenCode's provider list, with these input flags. */
const listed = (input: Record<string, boolean> | undefined) =>
  memberModel(SOURCE, { api: { id: "gpt-b" }, ...(input ? { capabilities: { input } } : {}) }, {})

const note = (name: string, kind: string) => ({
  type: "text" as const,
  text: `ERROR: Cannot read ${name} (this model does not support ${kind} input). Inform the user.`,
})

describe("files a model cannot read", () => {
  test("become OpenCode's note in user messages, named by file name or else by kind; other files and tool results stay", () => {
    const shaped = withoutUnreadable(PROMPT, TEXT_ONLY)
    expect(shaped[0]!.content).toEqual([
      { type: "text", text: "describe" },
      note('"pixel.png"', "image"),
      note("pdf", "pdf"),
      note("audio", "audio"),
      NOTES,
    ])
    expect(shaped[1]).toEqual(PROMPT[1]!)
  })

  test("a kind the model reads passes as it is", () => {
    const shaped = withoutUnreadable(PROMPT, SEES)
    expect(shaped[0]!.content[1]).toEqual(PICTURE)
    expect(shaped[0]!.content[2]).toEqual(note("pdf", "pdf"))
  })

  test("a text-only fallback gets the note for the picture the image-capable turn's model was sent", () => {
    const turn = model("alpha/gpt-main", "@ai-sdk/openai-compatible", { input: SEES })
    const member = model("beta/gpt-b", "@ai-sdk/openai-compatible", { input: TEXT_ONLY })
    const call = { prompt: PROMPT.slice(0, 1) }
    const shaped = shapeCall({ member, turn, context: { agent: { options: {} } }, call })
    expect(shaped.prompt[0]!.content[1]).toEqual(note('"pixel.png"', "image"))
    const own = shapeCall({ member: turn, turn, context: { agent: { options: {} } }, call })
    expect(own.prompt[0]!.content[1]).toEqual(PICTURE)
  })

  test("a member whose capabilities OpenCode did not list keeps every file", () => {
    const member = model("beta/gpt-b", "@ai-sdk/openai-compatible")
    const shaped = shapeCall({ member, turn: member, context: { agent: { options: {} } }, call: { prompt: PROMPT } })
    expect(shaped.prompt[0]!.content).toEqual(PROMPT[0]!.content)
  })

  test("OpenCode's capability flags become the member's: a missing flag reads as false", () => {
    expect(listed({ text: true, image: true }).input).toEqual(SEES)
    expect(listed(undefined).input).toBeUndefined()
  })
})
