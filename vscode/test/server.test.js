// Starts the bundled server jar the way the extension does (its java search, its command line) and
// talks LSP to it over stdio with vscode-jsonrpc, the library under vscode-languageclient.
const test = require('node:test');
const assert = require('node:assert');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const rpc = require('vscode-jsonrpc/node');
const { findJava, checkVersion } = require('../out/javaLocator');
const { bundledJar, serverCommand } = require('../out/serverCommand');

const extensionRoot = path.resolve(__dirname, '..');
const repo = path.resolve(extensionRoot, '..');

test('the bundled server answers initialize and publishes a diagnostic for a broken policy', { timeout: 120000 }, async () => {
    const found = findJava({ setting: '', env: process.env, platform: process.platform });
    assert.ok(!found.error, found.error);
    assert.strictEqual(await checkVersion(found.java, found.from), undefined);
    const jar = bundledJar(extensionRoot);
    assert.ok(fs.existsSync(jar), `${jar}: run npm run bundle-server`);

    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'copper-vscode-'));
    fs.copyFileSync(path.join(repo, 'examples', 'online-boutique', 'graph.json'), path.join(workspace, 'graph.json'));
    const { command, args } = serverCommand(found.java, jar);
    const server = spawn(command, [`-Dcopper.builtinCache=${path.join(workspace, 'cache')}`, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
    const published = [];
    let notify;
    connection.onNotification('textDocument/publishDiagnostics', p => { published.push(p); notify?.(); });
    connection.listen();
    try {
        const rootUri = 'file://' + workspace;
        const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: 'ws' }] });
        assert.ok(init.capabilities.completionProvider, JSON.stringify(init.capabilities));
        assert.ok(init.capabilities.definitionProvider);
        assert.ok(init.capabilities.documentFormattingProvider);
        assert.ok(init.capabilities.codeLensProvider);
        assert.ok(init.capabilities.semanticTokensProvider.legend.tokenTypes.includes('regexp'));
        connection.sendNotification('initialized', {});

        const uri = rootUri + '/broken.cup';
        // line 7 (0-based): RouteToVersion is an [Egress] action standing in [Ingress]
        const text = [
            'import "common.cui";',
            'policy vscode_broken (',
            '    act (Request request)',
            "    context ('frontend productcatalogservice')",
            ') {',
            '    [Ingress]',
            "    SetHeader(request, 'x', 'y');",
            "    RouteToVersion(request, 'a', 'v1');",
            '}',
        ].join('\n');
        connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'copper-policy', version: 1, text } });
        const deadline = Date.now() + 60000;
        let mine;
        while (!(mine = published.find(p => p.uri === uri)) && Date.now() < deadline) {
            await new Promise(resolve => { notify = resolve; setTimeout(resolve, 1000); });
        }
        assert.ok(mine, `no diagnostics for ${uri}; got ${JSON.stringify(published.map(p => p.uri))}`);
        const d = mine.diagnostics.find(x => x.message.includes('RouteToVersion'));
        assert.ok(d, JSON.stringify(mine.diagnostics));
        assert.strictEqual(d.severity, 1);
        assert.deepStrictEqual(d.range.start, { line: 7, character: 4 });
        assert.strictEqual(d.code, 'org.copper.lang.actionWrongSection');

        await connection.sendRequest('shutdown');
        connection.sendNotification('exit');
        const code = await new Promise(resolve => server.on('exit', resolve));
        assert.strictEqual(code, 0);
    } finally {
        connection.dispose();
        server.kill();
    }
});
