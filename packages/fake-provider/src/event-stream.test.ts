import { expect, test } from "bun:test"
import { decodeEventStream, eventStreamFrame } from "./event-stream.ts"

const headers = { ":event-type": "messageStart", ":content-type": "application/json", ":message-type": "event" }

test("a frame's prelude states its total and header lengths", () => {
  const frame = eventStreamFrame(headers, Buffer.from('{"role":"assistant"}'))
  expect(frame.readUInt32BE(0)).toBe(frame.length)
  // Each string header is 1 + name + 1 + 2 + value bytes.
  const headerBytes = Object.entries(headers).reduce((sum, [name, value]) => sum + 4 + name.length + value.length, 0)
  expect(frame.readUInt32BE(4)).toBe(headerBytes)
  expect(frame.length).toBe(12 + headerBytes + 20 + 4)
})

test("frames decode back to their headers and payloads, one after another", () => {
  const bytes = Buffer.concat([
    eventStreamFrame(headers, Buffer.from("{}")),
    eventStreamFrame({ ":message-type": "exception", ":exception-type": "throttlingException" }, Buffer.from("é")),
  ])
  expect(decodeEventStream(bytes)).toEqual([
    { headers, payload: Buffer.from("{}") },
    { headers: { ":message-type": "exception", ":exception-type": "throttlingException" }, payload: Buffer.from("é") },
  ])
})

test("a flipped payload byte fails the message CRC, a flipped length the prelude CRC", () => {
  const frame = eventStreamFrame(headers, Buffer.from('{"a":1}'))
  const payloadFlip = Buffer.from(frame)
  payloadFlip[frame.length - 6] = 0x20
  expect(() => decodeEventStream(payloadFlip)).toThrow("message CRC mismatch")
  const lengthFlip = Buffer.from(frame)
  lengthFlip[7] = (lengthFlip[7] ?? 0) ^ 1
  expect(() => decodeEventStream(lengthFlip)).toThrow("prelude CRC mismatch")
})
