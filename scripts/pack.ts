// `bun run pack [folder]`: builds and packs the published packages (the plugin and the core it depends on) into one
// folder, default .tmp/packages, and prints each tarball's path. The packing itself is the plugin package's
// scripts/pack.ts, which its registry end-to-end test also uses, so the release publishes what that test installs.
import { join } from "node:path"
import { packPublicPackages } from "../packages/opencode-model-pool/scripts/pack.ts"

export { packPublicPackages, type PackedPackage } from "../packages/opencode-model-pool/scripts/pack.ts"

if (import.meta.main) {
  const destination = process.argv[2] ?? join(import.meta.dir, "..", ".tmp", "packages")
  for (const packed of packPublicPackages(destination)) console.log(packed.tarball)
}
