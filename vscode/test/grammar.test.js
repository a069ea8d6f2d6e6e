// Tokenises the examples, the built-in interfaces and a fixture with the extension's TextMate
// grammars, through vscode-textmate and vscode-oniguruma as VS Code does.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const repo = path.resolve(__dirname, '..', '..');
const extension = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));

async function registry() {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const onigLib = Promise.resolve({
        createOnigScanner: patterns => new oniguruma.OnigScanner(patterns),
        createOnigString: s => new oniguruma.OnigString(s),
    });
    // the grammars the manifest contributes, by scope name
    const files = Object.fromEntries(manifest.contributes.grammars.map(g => [g.scopeName, path.join(extension, g.path)]));
    return new vsctm.Registry({
        onigLib,
        loadGrammar: async scope => files[scope] ? vsctm.parseRawGrammar(fs.readFileSync(files[scope], 'utf8'), files[scope]) : null,
    });
}

/** Every token of a text: { line, text, scopes }. */
function tokenize(grammar, text) {
    const out = [];
    let stack = vsctm.INITIAL;
    text.split(/\r?\n/).forEach((line, i) => {
        const r = grammar.tokenizeLine(line, stack);
        for (const t of r.tokens) {
            out.push({ line: i + 1, text: line.substring(t.startIndex, t.endIndex), scopes: t.scopes });
        }
        stack = r.ruleStack;
    });
    return out;
}

/** The keywords of an Xtext grammar: its quoted words before the terminal rules. */
function xtextKeywords(file) {
    const rules = fs.readFileSync(file, 'utf8').split(/^terminal /m)[0];
    return [...rules.matchAll(/'([A-Za-z][A-Za-z]+)'/g)].map(m => m[1]);
}

const langDir = path.join(repo, 'org.copper.lang', 'src', 'org', 'copper', 'lang');
const interfaceKeywords = new Set(xtextKeywords(path.join(langDir, 'Interface.xtext')));
// a policy grammar extends the interface grammar and so has its keywords too
const policyKeywords = new Set([...interfaceKeywords, ...xtextKeywords(path.join(langDir, 'Policy.xtext'))]);
const KEYWORDISH = /^(keyword\.(?!operator\.)|storage\.type\.|constant\.language\.|variable\.language\.|entity\.name\.section\.)/;
const inStringOrComment = t => t.scopes.some(s => s.startsWith('string.') || s.startsWith('comment.'));
const innermost = t => t.scopes[t.scopes.length - 1];
const words = t => t.text.match(/[A-Za-z_][A-Za-z_0-9]*/g) ?? [];

function corpus(extension_) {
    const files = [];
    for (const example of fs.readdirSync(path.join(repo, 'examples'))) {
        const dir = path.join(repo, 'examples', example);
        if (fs.statSync(dir).isDirectory()) {
            fs.readdirSync(dir).filter(f => f.endsWith(extension_)).forEach(f => files.push(path.join(dir, f)));
        }
    }
    fs.readdirSync(path.join(langDir, 'builtin')).filter(f => f.endsWith(extension_)).forEach(f => files.push(path.join(langDir, 'builtin', f)));
    fs.readdirSync(path.join(__dirname, 'fixtures')).filter(f => f.endsWith(extension_)).forEach(f => files.push(path.join(__dirname, 'fixtures', f)));
    return files;
}

for (const [ext, scope, keywords] of [['.cup', 'source.copper.policy', policyKeywords], ['.cui', 'source.copper.interface', interfaceKeywords]]) {
    test(`${ext}: every keyword outside strings and comments is coloured as one, and nothing else is`, async () => {
        const grammar = await (await registry()).loadGrammar(scope);
        assert.ok(grammar, scope);
        const files = corpus(ext);
        assert.ok(files.length >= 2, `${ext} files: ${files}`);
        const seen = new Set();
        for (const file of files) {
            for (const t of tokenize(grammar, fs.readFileSync(file, 'utf8'))) {
                const where = `${path.relative(repo, file)}:${t.line} '${t.text}' ${t.scopes.join(' ')}`;
                if (inStringOrComment(t)) {
                    continue;
                }
                for (const w of words(t)) {
                    if (keywords.has(w)) {
                        assert.match(innermost(t), KEYWORDISH, where);
                        assert.strictEqual(t.text.trim(), w, `a keyword is a token of its own: ${where}`);
                        seen.add(w);
                    }
                }
                if (KEYWORDISH.test(innermost(t))) {
                    assert.ok(keywords.has(t.text.trim()), `coloured as a keyword but is none: ${where}`);
                }
            }
        }
        // the corpus is not vacuous: the language's main keywords occur in it
        const expected = ext === '.cup'
            ? ['import', 'policy', 'act', 'using', 'context', 'if', 'else', 'true', 'false', 'Egress', 'Ingress']
            : ['import', 'act', 'state', 'action', 'self', 'string', 'int', 'float', 'bool', 'Egress'];
        assert.deepStrictEqual(expected.filter(k => !seen.has(k)), []);
    });
}

test('policy constructs get their scopes', async () => {
    const grammar = await (await registry()).loadGrammar('source.copper.policy');
    const tokens = tokenize(grammar, fs.readFileSync(path.join(__dirname, 'fixtures', 'lexical.cup'), 'utf8'));
    const at = (line, text) => {
        const t = tokens.find(x => x.line === line && x.text === text);
        assert.ok(t, `no token '${text}' on line ${line}: ${JSON.stringify(tokens.filter(x => x.line === line).map(x => x.text))}`);
        return t;
    };
    assert.strictEqual(innermost(at(1, ' Lexical corner cases for the grammar test (not a meaningful policy).')), 'comment.line.double-slash.copper');
    // a block comment spans lines, keywords inside stay comment
    assert.strictEqual(innermost(at(4, '   comment with policy and if in it ')), 'comment.block.copper');
    assert.strictEqual(innermost(at(5, 'fixture_all')), 'entity.name.type.policy.copper');
    assert.strictEqual(innermost(at(6, 'Request')), 'entity.name.type.copper');
    assert.strictEqual(innermost(at(6, 'request')), 'variable.other.declaration.copper');
    assert.strictEqual(innermost(at(7, 'Counter')), 'entity.name.type.copper');
    assert.ok(at(8, 'frontend .* cart').scopes.includes('string.quoted.single.copper'));
    assert.strictEqual(innermost(at(11, 'HasHeader')), 'entity.name.function.call.copper');
    // an escaped quote does not end a double-quoted string
    assert.strictEqual(innermost(at(11, '\\"')), 'constant.character.escape.copper');
    assert.ok(at(11, 'b').scopes.includes('string.quoted.double.copper'));
    assert.strictEqual(innermost(at(11, '||')), 'keyword.operator.logical.copper');
    assert.strictEqual(innermost(at(11, '!')), 'keyword.operator.logical.copper');
    assert.strictEqual(innermost(at(17, '0.25')), 'constant.numeric.decimal.copper');
    assert.strictEqual(innermost(at(17, '10')), 'constant.numeric.integer.copper');
    assert.strictEqual(innermost(at(17, 'Increment')), 'entity.name.function.call.copper');
});

test('interface constructs get their scopes', async () => {
    const grammar = await (await registry()).loadGrammar('source.copper.interface');
    const text = fs.readFileSync(path.join(langDir, 'builtin', 'common.cui'), 'utf8');
    const tokens = tokenize(grammar, text);
    const lines = text.split('\n');
    const lineOf = s => lines.findIndex(l => l.includes(s)) + 1;
    const at = (line, t) => {
        const found = tokens.find(x => x.line === line && x.text === t);
        assert.ok(found, `no token '${t}' on line ${line}: ${JSON.stringify(tokens.filter(x => x.line === line).map(x => x.text))}`);
        return found;
    };
    assert.strictEqual(innermost(at(lineOf('act Request'), 'Request')), 'entity.name.type.copper');
    assert.strictEqual(innermost(at(lineOf('state Counter'), 'Counter')), 'entity.name.type.copper');
    const routeLine = lineOf('action RouteToVersion');
    assert.strictEqual(innermost(at(routeLine, 'RouteToVersion')), 'entity.name.function.copper');
    assert.strictEqual(innermost(at(routeLine, 'service')), 'variable.parameter.copper');
    assert.strictEqual(innermost(at(routeLine - 1, 'Egress')), 'entity.name.section.copper');
    assert.strictEqual(innermost(at(lineOf('IsGreaterThan'), 'bool')), 'storage.type.primitive.copper');
});

test('the language configuration is valid JSON with both comment styles and quote pairs', () => {
    const config = JSON.parse(fs.readFileSync(path.join(extension, 'language-configuration.json'), 'utf8'));
    assert.deepStrictEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
    const pairs = config.autoClosingPairs.map(p => p.open + p.close);
    for (const p of ["''", '""', '()', '[]', '{}']) {
        assert.ok(pairs.includes(p), p);
    }
    for (const lang of manifest.contributes.languages) {
        assert.strictEqual(lang.configuration, './language-configuration.json');
    }
});
