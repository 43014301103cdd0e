// The throwaway CA and its server certificates, read back by node:crypto's own X.509 parser.

import { expect, test } from "bun:test"
import { createPrivateKey, X509Certificate } from "node:crypto"
import { createCertificateAuthority } from "./x509.ts"

const ca = createCertificateAuthority("test CA", 2)
const server = ca.issue(["oauth2.googleapis.com", "alt.example"])

test("the authority is a self-signed CA, valid from an hour ago for the days asked", () => {
  const cert = new X509Certificate(ca.certificate)
  expect(cert.ca).toBe(true)
  expect(cert.subject).toBe("CN=test CA")
  expect(cert.verify(cert.publicKey)).toBe(true)
  const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000
  expect(days).toBe(2)
  expect(Date.parse(cert.validFrom)).toBeLessThan(Date.now())
  expect(createPrivateKey(ca.privateKey).asymmetricKeyType).toBe("ec")
})

test("a server certificate it issues names its hosts, is no CA, and chains to the authority", () => {
  const authority = new X509Certificate(ca.certificate)
  const cert = new X509Certificate(server.certificate)
  expect(cert.ca).toBe(false)
  expect(cert.subjectAltName).toBe("DNS:oauth2.googleapis.com, DNS:alt.example")
  expect(cert.checkHost("oauth2.googleapis.com")).toBe("oauth2.googleapis.com")
  expect(cert.checkHost("aiplatform.googleapis.com")).toBeUndefined()
  expect(cert.checkIssued(authority)).toBe(true)
  expect(cert.verify(authority.publicKey)).toBe(true)
  expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"])
  expect(cert.checkPrivateKey(createPrivateKey(server.privateKey))).toBe(true)
})

test("each authority has its own key: another one's certificates do not verify", () => {
  const other = createCertificateAuthority()
  expect(new X509Certificate(server.certificate).verify(new X509Certificate(other.certificate).publicKey)).toBe(false)
})
