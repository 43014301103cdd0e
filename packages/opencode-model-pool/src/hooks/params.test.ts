import { resolvePolicy } from "@model-pool/core"
import { describe, expect, test } from "bun:test"
import { callMarker } from "./params.ts"

const BUILD = { name: "agent.build", members: ["oa/main", "an/backup"], policy: resolvePolicy({}, {}) }

describe("the marker of a call on a routed model", () => {
  test("a call on a member of its pool names the pool, with the agent, the session and the variant", () => {
    expect(callMarker({ model: "an/backup", agent: "build", session: "s1", variant: "high", pool: BUILD })).toEqual({
      agent: "build",
      session: "s1",
      variant: "high",
      pool: "agent.build",
    })
  })

  test("a call on a model outside the pool runs it alone", () => {
    expect(callMarker({ model: "xx/other", agent: "build", session: "s1", variant: undefined, pool: BUILD })).toEqual({
      agent: "build",
      session: "s1",
    })
  })

  test("a title call is small and never names a pool", () => {
    expect(callMarker({ model: "oa/main", agent: "title", session: "s1", variant: undefined, pool: BUILD })).toEqual({
      agent: "title",
      session: "s1",
      small: true,
    })
  })
})
