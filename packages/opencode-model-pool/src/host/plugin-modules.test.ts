import { describe, expect, test } from "bun:test"
import { installedPluginDir } from "./plugin-modules.ts"

describe("where OpenCode installed a plugin named by its package", () => {
  test.each([
    ["opencode-anthropic-auth", "opencode-anthropic-auth", "/c/packages/opencode-anthropic-auth@latest"],
    ["opencode-anthropic-auth@0.0.13", "opencode-anthropic-auth", "/c/packages/opencode-anthropic-auth@0.0.13"],
    ["@scope/auth", "@scope/auth", "/c/packages/@scope/auth@latest"],
    ["@scope/auth@2.1.0", "@scope/auth", "/c/packages/@scope/auth@2.1.0"],
  ])("%s is %s in %s", (spec, name, dir) => {
    expect(installedPluginDir(spec, "/c")).toEqual({ name, dir })
  })
})
