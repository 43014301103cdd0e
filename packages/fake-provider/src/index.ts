export { startFakeProvider } from "./server.ts"
export type { FakeProvider, FakeProviderOptions } from "./server.ts"
export { DEFAULT_MODEL_KEY, defaultText, parseScript, ScriptCursor } from "./script.ts"
export type {
  ContextOverflowStep,
  CutStep,
  HangStep,
  OverloadedStep,
  RateLimitStep,
  ResetStep,
  ResponsesErrorEvent,
  Script,
  ServerErrorStep,
  Step,
  StepKind,
  StreamErrorStep,
  TextStep,
  ToolCallStep,
  UnauthorizedStep,
  VendorErrorStep,
} from "./script.ts"
export { keyId, RequestLog } from "./request-log.ts"
export type { RecordedRequest } from "./request-log.ts"
export {
  BEDROCK_STREAM_EXCEPTION,
  bedrockAuthError,
  bedrockErrorResponse,
  bedrockModelNotReady,
  cohereErrorResponse,
  errorResponse,
  gatewayErrorResponse,
  mistralErrorResponse,
  perplexityErrorResponse,
  streamErrorBody,
  vertexAuthError,
} from "./vendor-errors.ts"
export type { ErrorKind, ErrorOptions, VendorErrorResponse } from "./vendor-errors.ts"
export { OBSERVED_AT, OBSERVED_ERRORS, observedError } from "./observed-errors.ts"
export type { ObservedError, ObservedKind, ObservedWire } from "./observed-errors.ts"
export type { WireFormat } from "./vendor.ts"
export { FAKE_AWS_CREDENTIALS } from "./bedrock.ts"
export { PERPLEXITY_PATH } from "./perplexity.ts"
export { MISTRAL_PATH } from "./mistral.ts"
export { XAI_PREFIX } from "./openai.ts"
export { decodeEventStream, eventStreamFrame } from "./event-stream.ts"
export type { DecodedFrame } from "./event-stream.ts"
export { verifySigV4 } from "./sigv4.ts"
export type { AwsCredentials, SigV4Failure, SigV4Result } from "./sigv4.ts"
export {
  createServiceAccountKey,
  GOOGLE_TOKEN_PATH,
  GOOGLE_TOKEN_URL,
  GoogleTokenIssuer,
  serviceAccountFile,
  writeServiceAccountFile,
} from "./google-oauth.ts"
export type { IssuedToken, ServiceAccountKey, TokenResponse } from "./google-oauth.ts"
export type { FakeGoogleAuth, GoogleAuthOptions } from "./google-front-door.ts"
export { createCertificateAuthority } from "./x509.ts"
export type { CertificateAuthority, CertifiedKey } from "./x509.ts"
