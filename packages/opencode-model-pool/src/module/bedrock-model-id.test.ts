import { describe, expect, test } from "bun:test"
import { bedrockModelId, withoutRegionPrefix } from "./bedrock-model-id.ts"

describe("Bedrock model ids, as OpenCode sends them", () => {
  test.each([
    ["anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"],
    ["anthropic.claude-sonnet-4-5-20250929-v1:0", "us-gov-west-1", "anthropic.claude-sonnet-4-5-20250929-v1:0"],
    ["amazon.nova-pro-v1:0", "us-west-2", "us.amazon.nova-pro-v1:0"],
    ["meta.llama3-70b-instruct-v1:0", "us-east-1", "meta.llama3-70b-instruct-v1:0"],
    ["meta.llama3-70b-instruct-v1:0", "eu-west-1", "eu.meta.llama3-70b-instruct-v1:0"],
    ["anthropic.claude-3-haiku-20240307-v1:0", "eu-central-2", "anthropic.claude-3-haiku-20240307-v1:0"],
    ["anthropic.claude-sonnet-4-5-20250929-v1:0", "ap-southeast-2", "au.anthropic.claude-sonnet-4-5-20250929-v1:0"],
    ["anthropic.claude-opus-4-1-20250805-v1:0", "ap-southeast-2", "apac.anthropic.claude-opus-4-1-20250805-v1:0"],
    ["anthropic.claude-opus-4-1-20250805-v1:0", "ap-northeast-1", "jp.anthropic.claude-opus-4-1-20250805-v1:0"],
    ["amazon.nova-premier-v1:0", "ap-south-1", "amazon.nova-premier-v1:0"],
    ["eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"],
    [
      "arn:aws:bedrock:us-east-1:123:inference-profile/x",
      "us-east-1",
      "arn:aws:bedrock:us-east-1:123:inference-profile/x",
    ],
  ])("%s in %s is sent as %s", (id, region, sent) => {
    expect(bedrockModelId(id, region)).toBe(sent)
  })

  test("a prefixed id names the model without its prefix", () => {
    expect(withoutRegionPrefix("us.anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe(
      "anthropic.claude-sonnet-4-5-20250929-v1:0",
    )
    expect(withoutRegionPrefix("anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe(
      "anthropic.claude-sonnet-4-5-20250929-v1:0",
    )
  })
})
