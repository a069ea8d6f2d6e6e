// Copies the language server jar that `./mvnw verify` builds into server/, where the extension looks for it.
const fs = require('fs');
const path = require('path');

const source = path.resolve(__dirname, '..', '..', 'org.copper.cli', 'target', 'copper-lsp.jar');
const target = path.resolve(__dirname, '..', 'server', 'copper-lsp.jar');
if (!fs.existsSync(source)) {
    console.error(`${source} does not exist: build it first with ./mvnw verify -pl org.copper.cli -am`);
    process.exit(2);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
console.log(`bundled ${path.relative(process.cwd(), source)} (${fs.statSync(target).size} bytes)`);
