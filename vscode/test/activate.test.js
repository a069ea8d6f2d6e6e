// activate() from out/extension.js with `vscode` and `vscode-languageclient/node` replaced by recording
// stand-ins (VS Code itself cannot run here): what the user sees when java is missing or too old, and
// the server command the client is given when it is not.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const extensionRoot = path.resolve(__dirname, '..');

/** Loads a fresh out/extension.js against stand-ins; returns what they recorded. */
function load({ settings, choice }) {
    const seen = { errors: [], commands: [], clients: [], started: 0 };
    const vscode = {
        workspace: {
            getConfiguration: section => ({ get: (key, fallback) => settings[`${section}.${key}`] ?? fallback }),
            createFileSystemWatcher: glob => ({ glob }),
            onDidChangeConfiguration: () => ({ dispose() {} }),
        },
        window: {
            showErrorMessage: async (message, ...items) => { seen.errors.push({ message, items }); return choice; },
            showInformationMessage: async () => undefined,
        },
        commands: { executeCommand: async (...args) => { seen.commands.push(args); } },
    };
    class LanguageClient {
        constructor(id, name, serverOptions, clientOptions) { seen.clients.push({ id, name, serverOptions, clientOptions }); }
        async start() { seen.started++; }
        async stop() {}
    }
    const client = { LanguageClient, TransportKind: { stdio: 0 } };
    const originalLoad = Module._load;
    Module._load = function (request, parent, isMain) {
        if (request === 'vscode') return vscode;
        if (request === 'vscode-languageclient/node') return client;
        return originalLoad.call(this, request, parent, isMain);
    };
    const file = require.resolve('../out/extension.js');
    delete require.cache[file];
    try {
        return { extension: require(file), seen };
    } finally {
        Module._load = originalLoad;
    }
}

const context = () => ({ extensionPath: extensionRoot, subscriptions: [] });

function fakeJdk(versionLine) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'copper-activate-'));
    fs.mkdirSync(path.join(home, 'bin'));
    fs.writeFileSync(path.join(home, 'bin', 'java'), `#!/bin/sh\necho '${versionLine}' >&2\n`, { mode: 0o755 });
    return home;
}

test('a java setting that points nowhere: an error with Open Settings, which opens copper.java.home; no server', async () => {
    const { extension, seen } = load({ settings: { 'copper.java.home': '/no/such/jdk' }, choice: 'Open Settings' });
    await extension.activate(context());
    assert.strictEqual(seen.errors.length, 1);
    assert.match(seen.errors[0].message, /copper\.java\.home is "\/no\/such\/jdk"/);
    assert.deepStrictEqual(seen.errors[0].items, ['Open Settings']);
    assert.deepStrictEqual(seen.commands, [['workbench.action.openSettings', 'copper.java.home']]);
    assert.strictEqual(seen.clients.length, 0);
});

test('a Java 17: refused with its version named; no server', async () => {
    const { extension, seen } = load({ settings: { 'copper.java.home': fakeJdk('openjdk version "17.0.13" 2024-10-15') } });
    await extension.activate(context());
    assert.match(seen.errors[0].message, /is Java 17; the Copper language server needs Java 21 or newer/);
    assert.strictEqual(seen.clients.length, 0);
});

test('a configured server jar that does not exist: said so; no server', async () => {
    const { extension, seen } = load({ settings: { 'copper.java.home': fakeJdk('openjdk version "21.0.2"'), 'copper.server.jar': '/no/such.jar' } });
    await extension.activate(context());
    assert.match(seen.errors[0].message, /\/no\/such\.jar does not exist/);
    assert.strictEqual(seen.clients.length, 0);
});

test('a good java: the client runs java -jar on the bundled jar over stdio for both languages', async () => {
    const home = fakeJdk('openjdk version "25" 2025-09-16');
    const { extension, seen } = load({ settings: { 'copper.java.home': home } });
    await extension.activate(context());
    assert.deepStrictEqual(seen.errors, []);
    assert.strictEqual(seen.clients.length, 1);
    const { serverOptions, clientOptions } = seen.clients[0];
    assert.deepStrictEqual(serverOptions, { command: path.join(home, 'bin', 'java'), args: ['-jar', path.join(extensionRoot, 'server', 'copper-lsp.jar')], transport: 0 });
    assert.deepStrictEqual(clientOptions.documentSelector.map(s => s.language), ['copper-policy', 'copper-interface']);
    assert.strictEqual(seen.started, 1);
});
