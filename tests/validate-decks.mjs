// Validate each deck named on the command line with Microsoft's Open XML SDK validator, in one Node process
// (its WebAssembly runtime takes seconds to start), and print {path: [problems]} as JSON.
import { readFile } from "node:fs/promises";
import validate from "@ooxml-tools/validate";

const found = {};
for (const path of process.argv.slice(2)) {
  found[path] = await validate(new Uint8Array(await readFile(path)), "pptx", "Microsoft365");
}
process.stdout.write(JSON.stringify(found));
process.exit(0);
