// Reasoning signatures the fake issues and, in strict mode, checks. Real
// vendors sign reasoning so a client cannot forge or move it: Anthropic's
// thinking `signature`, Gemini's `thoughtSignature`, the Responses API's
// `encrypted_content`. The fake's are an HMAC under a secret of its own, so
// it can tell its own signatures from forged, altered or foreign ones.

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto"
import type { WireFormat } from "./vendor.ts"

const DIGEST_BYTES = 32

function textDigest(text: string): Buffer {
  return createHash("sha256").update(text).digest()
}

/**
 * Signs reasoning for one server. A signature is `base64(sha256(text) || mac)`
 * with `mac = HMAC(secret, vendor, model, sha256(text))`: carrying the text's
 * digest lets Gemini's signatures be checked when the thought text itself is
 * not sent back, while Anthropic and Responses also compare it to the text.
 */
export class ReasoningSigner {
  private readonly secret: Buffer

  /** A fresh random secret by default, so two servers never accept each other's signatures. */
  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret
  }

  sign(vendor: WireFormat, model: string, text: string): string {
    const digest = textDigest(text)
    return Buffer.concat([digest, this.mac(vendor, model, digest)]).toString("base64")
  }

  /**
   * True when this server issued `signature` for this vendor and model, and,
   * when `text` is given, for exactly that text.
   */
  verify(vendor: WireFormat, model: string, signature: string, text?: string): boolean {
    const raw = Buffer.from(signature, "base64")
    // Buffer.from ignores junk, so re-encoding is the way to reject a string that is not our base64.
    if (raw.length !== DIGEST_BYTES * 2 || raw.toString("base64") !== signature) return false
    const digest = raw.subarray(0, DIGEST_BYTES)
    if (text !== undefined && !timingSafeEqual(digest, textDigest(text))) return false
    return timingSafeEqual(raw.subarray(DIGEST_BYTES), this.mac(vendor, model, digest))
  }

  private mac(vendor: WireFormat, model: string, digest: Buffer): Buffer {
    return createHmac("sha256", this.secret).update(`${vendor}\n${model}\n`).update(digest).digest()
  }
}
