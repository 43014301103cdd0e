// The AWS event stream binary framing (`application/vnd.amazon.eventstream`),
// which Bedrock's ConverseStream uses instead of Server-Sent Events. A frame is
//
//   total length (u32) | headers length (u32) | CRC32 of those 8 bytes
//   headers | payload | CRC32 of everything before it
//
// all big-endian. Each header is a 1-byte name length, the name, a 1-byte
// value type (7 is a string), a 2-byte value length and the value.

import { crc32 } from "node:zlib"

const PRELUDE_BYTES = 8
const CRC_BYTES = 4
const STRING_TYPE = 7

function encodeHeaders(headers: Record<string, string>): Buffer {
  const parts = Object.entries(headers).map(([name, value]) => {
    const nameBytes = Buffer.from(name, "utf8")
    const valueBytes = Buffer.from(value, "utf8")
    const head = Buffer.alloc(1 + nameBytes.length + 1 + 2)
    head.writeUInt8(nameBytes.length, 0)
    nameBytes.copy(head, 1)
    head.writeUInt8(STRING_TYPE, 1 + nameBytes.length)
    head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length)
    return Buffer.concat([head, valueBytes])
  })
  return Buffer.concat(parts)
}

/** Encodes one message with string headers and a payload. */
export function eventStreamFrame(headers: Record<string, string>, payload: Uint8Array): Buffer {
  const headerBytes = encodeHeaders(headers)
  const total = PRELUDE_BYTES + CRC_BYTES + headerBytes.length + payload.length + CRC_BYTES
  const frame = Buffer.alloc(total)
  frame.writeUInt32BE(total, 0)
  frame.writeUInt32BE(headerBytes.length, 4)
  frame.writeUInt32BE(crc32(frame.subarray(0, PRELUDE_BYTES)), PRELUDE_BYTES)
  headerBytes.copy(frame, PRELUDE_BYTES + CRC_BYTES)
  Buffer.from(payload).copy(frame, PRELUDE_BYTES + CRC_BYTES + headerBytes.length)
  frame.writeUInt32BE(crc32(frame.subarray(0, total - CRC_BYTES)), total - CRC_BYTES)
  return frame
}

export interface DecodedFrame {
  headers: Record<string, string>
  payload: Buffer
}

/**
 * Splits a whole event stream body into frames, checking both CRCs; throws on
 * a damaged or truncated frame. Only string headers are understood, which is
 * all Bedrock sends.
 */
export function decodeEventStream(bytes: Uint8Array): DecodedFrame[] {
  const buffer = Buffer.from(bytes)
  const frames: DecodedFrame[] = []
  for (let offset = 0; offset < buffer.length;) {
    if (buffer.length - offset < PRELUDE_BYTES + CRC_BYTES) throw new Error(`truncated prelude at byte ${offset}`)
    const total = buffer.readUInt32BE(offset)
    const headersLength = buffer.readUInt32BE(offset + 4)
    const frame = buffer.subarray(offset, offset + total)
    if (frame.length < total) throw new Error(`truncated frame at byte ${offset}`)
    if (crc32(frame.subarray(0, PRELUDE_BYTES)) !== frame.readUInt32BE(PRELUDE_BYTES)) {
      throw new Error(`prelude CRC mismatch at byte ${offset}`)
    }
    if (crc32(frame.subarray(0, total - CRC_BYTES)) !== frame.readUInt32BE(total - CRC_BYTES)) {
      throw new Error(`message CRC mismatch at byte ${offset}`)
    }
    const headers: Record<string, string> = {}
    const headersEnd = PRELUDE_BYTES + CRC_BYTES + headersLength
    for (let at = PRELUDE_BYTES + CRC_BYTES; at < headersEnd;) {
      const nameLength = frame.readUInt8(at)
      const name = frame.subarray(at + 1, at + 1 + nameLength).toString("utf8")
      const type = frame.readUInt8(at + 1 + nameLength)
      if (type !== STRING_TYPE) throw new Error(`header ${name} has type ${type}, not string`)
      const valueLength = frame.readUInt16BE(at + 2 + nameLength)
      const valueStart = at + 4 + nameLength
      headers[name] = frame.subarray(valueStart, valueStart + valueLength).toString("utf8")
      at = valueStart + valueLength
    }
    frames.push({ headers, payload: frame.subarray(headersEnd, total - CRC_BYTES) })
    offset += total
  }
  return frames
}
