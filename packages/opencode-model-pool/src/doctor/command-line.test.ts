import { describe, expect, test } from "bun:test"
import { request } from "./command-line.ts"

describe("the command line's probe options", () => {
  test("--probe asks the doctor to probe every pool; --pool or --agent narrows it", () => {
    expect(request(["doctor", "--probe", "--opencode", "oc"])).toEqual({
      run: "doctor",
      binary: "oc",
      member: undefined,
      probe: {},
    })
    expect(request(["doctor", "--probe", "--pool", "fast", "--opencode", "oc"])).toMatchObject({
      probe: { pool: "fast" },
    })
    expect(request(["doctor", "--probe", "--agent", "build", "--opencode", "oc"])).toMatchObject({
      probe: { agent: "build" },
    })
    expect("probe" in request(["doctor", "--opencode", "oc"])).toBe(false)
  })

  test("probe options out of place are usage errors that say what to do", () => {
    expect(request(["reset", "--probe"])).toEqual({ run: "usage", problem: "--probe is an option of doctor" })
    expect(request(["doctor", "--pool", "fast"])).toEqual({
      run: "usage",
      problem: "--pool and --agent narrow --probe; add --probe",
    })
    expect(request(["doctor", "--probe", "--pool", "a", "--agent", "b"])).toEqual({
      run: "usage",
      problem: "give --pool or --agent, not both",
    })
  })
})
