// The packaged extension (npm run package -> copper-wire.vsix, by @vscode/vsce): what it holds.
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const yauzl = require('yauzl');

const extensionRoot = path.resolve(__dirname, '..');
const vsix = path.join(extensionRoot, 'copper-wire.vsix');
const builtJar = path.resolve(extensionRoot, '..', 'org.copper.cli', 'target', 'copper-lsp.jar');

/** name -> sha256 of every entry of the zip */
function entries(zip) {
    return new Promise((resolve, reject) => {
        yauzl.open(zip, { lazyEntries: true }, (err, zipfile) => {
            if (err) {
                reject(err);
                return;
            }
            const out = new Map();
            zipfile.on('error', reject);
            zipfile.on('end', () => resolve(out));
            zipfile.on('entry', entry => {
                if (entry.fileName.endsWith('/')) {
                    zipfile.readEntry();
                    return;
                }
                zipfile.openReadStream(entry, (e, stream) => {
                    if (e) {
                        reject(e);
                        return;
                    }
                    const hash = crypto.createHash('sha256');
                    stream.on('data', chunk => hash.update(chunk));
                    stream.on('end', () => {
                        out.set(entry.fileName, hash.digest('hex'));
                        zipfile.readEntry();
                    });
                });
            });
            zipfile.readEntry();
        });
    });
}

const sha256 = file => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

test('the .vsix holds the manifest, the compiled client, the grammars and the server jar the build made', { timeout: 120000 }, async () => {
    assert.ok(fs.existsSync(vsix), `${vsix}: run npm run package`);
    const files = await entries(vsix);
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
    const wanted = [
        'extension.vsixmanifest',
        'extension/package.json',
        'extension/' + path.posix.normalize(manifest.main),
        'extension/out/javaLocator.js',
        'extension/out/serverCommand.js',
        'extension/language-configuration.json',
        ...manifest.contributes.grammars.map(g => 'extension/' + path.posix.normalize(g.path)),
    ];
    for (const name of wanted) {
        assert.ok(files.has(name), `${name} missing; the .vsix holds ${[...files.keys()].filter(f => !f.includes('node_modules')).join(', ')}`);
    }
    // the very jar ./mvnw verify built, not a stale copy
    assert.strictEqual(files.get('extension/server/copper-lsp.jar'), sha256(builtJar));
    // the client's runtime dependencies come along; build tools and sources do not
    for (const dep of ['vscode-languageclient', 'vscode-languageserver-protocol', 'vscode-jsonrpc']) {
        assert.ok([...files.keys()].some(f => f.startsWith(`extension/node_modules/${dep}/`)), dep);
    }
    for (const name of files.keys()) {
        assert.doesNotMatch(name, /^extension\/(src|test|scripts)\/|^extension\/node_modules\/(typescript|@vscode\/vsce|vscode-textmate|vscode-oniguruma)\//, name);
    }
});
