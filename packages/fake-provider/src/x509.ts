// Just enough X.509 to stand in for a public host over TLS in a test: a throwaway certificate authority and a
// server certificate it signs for given host names, both on P-256 keys. node:crypto parses certificates but
// cannot make them, so the DER is written here (RFC 5280). The client trusts the authority through
// NODE_EXTRA_CA_CERTS, which Node and Bun read at start-up.

import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto"
import type { KeyObject } from "node:crypto"

/** A certificate with its private key, both PEM. */
export interface CertifiedKey {
  certificate: string
  privateKey: string
}

/** A certificate authority that can sign server certificates. */
export interface CertificateAuthority extends CertifiedKey {
  /** Issues a server certificate for the given DNS names, valid as long as the authority. */
  issue(hostnames: readonly string[]): CertifiedKey
}

// DER tags.
const BOOLEAN = 0x01
const INTEGER = 0x02
const BIT_STRING = 0x03
const OCTET_STRING = 0x04
const OBJECT_IDENTIFIER = 0x06
const UTF8_STRING = 0x0c
const SEQUENCE = 0x30
const SET = 0x31
const UTC_TIME = 0x17

const OID = {
  commonName: "2.5.4.3",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
}

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size])
  const bytes: number[] = []
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from([tag]), length(body.length), body])
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const groups: number[] = []
    for (let value = arc; ; value = Math.floor(value / 128)) {
      groups.unshift(value % 128)
      if (value < 128) break
    }
    bytes.push(...groups.map((group, index) => (index < groups.length - 1 ? group | 0x80 : group)))
  }
  return tlv(OBJECT_IDENTIFIER, Buffer.from(bytes))
}

/** A positive INTEGER from unsigned big-endian bytes. */
function unsigned(bytes: Buffer): Buffer {
  const first = bytes[0] ?? 0
  return tlv(INTEGER, first >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes)
}

/** A BIT STRING whose last `unused` bits are padding. */
function bits(bytes: Buffer, unused = 0): Buffer {
  return tlv(BIT_STRING, Buffer.from([unused]), bytes)
}

function name(commonName: string): Buffer {
  return tlv(SEQUENCE, tlv(SET, tlv(SEQUENCE, oid(OID.commonName), tlv(UTF8_STRING, Buffer.from(commonName)))))
}

/** UTCTime (YYMMDDHHMMSSZ), which RFC 5280 requires for dates before 2050. */
function utcTime(ms: number): Buffer {
  const text = new Date(ms)
    .toISOString()
    .replace(/[-:T]/g, "")
    .replace(/\.\d+Z$/, "Z")
    .slice(2)
  return tlv(UTC_TIME, Buffer.from(text))
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return tlv(SEQUENCE, oid(id), ...(critical ? [tlv(BOOLEAN, Buffer.from([0xff]))] : []), tlv(OCTET_STRING, value))
}

/** The key identifier RFC 5280 suggests: SHA-1 of the subject public key's bits. */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: "spki", format: "der" })
  // A P-256 SPKI ends with its 65-byte uncompressed point.
  return createHash("sha1")
    .update(spki.subarray(spki.length - 65))
    .digest()
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`
}

interface CertificateFields {
  subject: string
  issuer: string
  publicKey: KeyObject
  issuerKey: KeyObject
  notBefore: number
  notAfter: number
  extensions: Buffer[]
}

function certificate(fields: CertificateFields): string {
  const algorithm = tlv(SEQUENCE, oid(OID.ecdsaWithSha256))
  const tbs = tlv(
    SEQUENCE,
    tlv(0xa0, tlv(INTEGER, Buffer.from([2]))), // v3
    unsigned(Buffer.concat([Buffer.from([0x40]), randomBytes(15)])),
    algorithm,
    name(fields.issuer),
    tlv(SEQUENCE, utcTime(fields.notBefore), utcTime(fields.notAfter)),
    name(fields.subject),
    fields.publicKey.export({ type: "spki", format: "der" }),
    tlv(0xa3, tlv(SEQUENCE, ...fields.extensions)),
  )
  // ECDSA signatures are DER-encoded by default, as X.509 wants them.
  const signature = sign("sha256", tbs, fields.issuerKey)
  return pem("CERTIFICATE", tlv(SEQUENCE, tbs, algorithm, bits(signature)))
}

const HOUR_MS = 3_600_000

/**
 * A new certificate authority, valid from an hour ago (clock skew) for `days` days. Nothing is written to disk;
 * write `certificate` to a file for NODE_EXTRA_CA_CERTS.
 */
export function createCertificateAuthority(commonName = "fake-provider test CA", days = 7): CertificateAuthority {
  const notBefore = Date.now() - HOUR_MS
  const notAfter = notBefore + days * 24 * HOUR_MS
  const keys = generateKeyPairSync("ec", { namedCurve: "P-256" })
  const caKeyId = keyIdentifier(keys.publicKey)
  const caCertificate = certificate({
    subject: commonName,
    issuer: commonName,
    publicKey: keys.publicKey,
    issuerKey: keys.privateKey,
    notBefore,
    notAfter,
    extensions: [
      extension(OID.basicConstraints, true, tlv(SEQUENCE, tlv(BOOLEAN, Buffer.from([0xff])))),
      // keyCertSign (bit 5) and cRLSign (bit 6): 0b0000011, one unused bit.
      extension(OID.keyUsage, true, bits(Buffer.from([0x06]), 1)),
      extension(OID.subjectKeyIdentifier, false, tlv(OCTET_STRING, caKeyId)),
    ],
  })
  return {
    certificate: caCertificate,
    privateKey: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    issue(hostnames) {
      const leaf = generateKeyPairSync("ec", { namedCurve: "P-256" })
      const altNames = hostnames.map((host) => tlv(0x82, Buffer.from(host))) // [2] dNSName
      const serverCertificate = certificate({
        subject: hostnames[0] ?? "localhost",
        issuer: commonName,
        publicKey: leaf.publicKey,
        issuerKey: keys.privateKey,
        notBefore,
        notAfter,
        extensions: [
          extension(OID.basicConstraints, true, tlv(SEQUENCE)),
          // digitalSignature (bit 0): 0b1, seven unused bits.
          extension(OID.keyUsage, true, bits(Buffer.from([0x80]), 7)),
          extension(OID.extKeyUsage, false, tlv(SEQUENCE, oid(OID.serverAuth))),
          extension(OID.subjectAltName, false, tlv(SEQUENCE, ...altNames)),
          extension(OID.subjectKeyIdentifier, false, tlv(OCTET_STRING, keyIdentifier(leaf.publicKey))),
          extension(OID.authorityKeyIdentifier, false, tlv(SEQUENCE, tlv(0x80, caKeyId))), // [0] keyIdentifier
        ],
      })
      return {
        certificate: serverCertificate,
        privateKey: leaf.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      }
    },
  }
}
