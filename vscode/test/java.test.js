// The extension's search for java (setting, JAVA_HOME, PATH) and its version check, in plain Node.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { findJava, majorVersion, checkVersion, MINIMUM_JAVA } = require('../out/javaLocator');

const platform = process.platform;
const javaName = platform === 'win32' ? 'java.exe' : 'java';

function tempDir() {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'copper-java-'));
}

/** A folder laid out like a JDK whose bin/java prints the given version line, as java -version does, on stderr. */
function fakeJdk(versionLine) {
    const home = tempDir();
    fs.mkdirSync(path.join(home, 'bin'));
    const java = path.join(home, 'bin', javaName);
    fs.writeFileSync(java, `#!/bin/sh\necho '${versionLine}' >&2\n`, { mode: 0o755 });
    return { home, java };
}

test('the setting wins, as a folder or as the executable', () => {
    const a = fakeJdk('openjdk version "21.0.2" 2024-01-16');
    const b = fakeJdk('openjdk version "25" 2025-09-16');
    const env = { JAVA_HOME: b.home, PATH: path.dirname(b.java) };
    assert.deepStrictEqual(findJava({ setting: a.home, env, platform }), { java: a.java, from: 'the copper.java.home setting' });
    assert.deepStrictEqual(findJava({ setting: a.java, env, platform }), { java: a.java, from: 'the copper.java.home setting' });
});

test('a setting that points nowhere is an error naming the setting, not a fallback', () => {
    const b = fakeJdk('openjdk version "25"');
    const r = findJava({ setting: '/no/such/jdk', env: { JAVA_HOME: b.home }, platform });
    assert.match(r.error, /copper\.java\.home is "\/no\/such\/jdk"/);
});

test('then JAVA_HOME, then the PATH', () => {
    const a = fakeJdk('openjdk version "21"');
    const b = fakeJdk('openjdk version "25"');
    assert.deepStrictEqual(findJava({ setting: '', env: { JAVA_HOME: a.home, PATH: path.dirname(b.java) }, platform }), { java: a.java, from: 'JAVA_HOME' });
    const empty = tempDir();
    assert.deepStrictEqual(findJava({ setting: ' ', env: { PATH: [empty, path.dirname(b.java)].join(path.delimiter) }, platform }), { java: b.java, from: 'the PATH' });
    assert.match(findJava({ setting: '', env: { JAVA_HOME: empty }, platform }).error, /JAVA_HOME is ".*", which has no bin\/java/);
});

test('no java anywhere: a message that says where to set one', () => {
    const r = findJava({ setting: '', env: { PATH: tempDir() }, platform });
    assert.match(r.error, /needs Java 21 or newer and found none: set copper\.java\.home, or JAVA_HOME, or put java on the PATH/);
});

test('java -version lines give their major version', () => {
    assert.strictEqual(majorVersion('java version "1.8.0_402"\nJava(TM) SE Runtime Environment'), 8);
    assert.strictEqual(majorVersion('openjdk version "17.0.13" 2024-10-15\nOpenJDK Runtime Environment'), 17);
    assert.strictEqual(majorVersion('openjdk version "21" 2023-09-19'), 21);
    assert.strictEqual(majorVersion('openjdk version "25.0.1" 2025-10-21 LTS'), 25);
    assert.strictEqual(majorVersion('something else'), undefined);
});

test('an old java is refused with its version named', async () => {
    const old = fakeJdk('openjdk version "17.0.13" 2024-10-15');
    const why = await checkVersion(old.java, 'JAVA_HOME');
    assert.match(why, /is Java 17; the Copper language server needs Java 21 or newer/);
});

test('the real JDK of this build is accepted', async () => {
    assert.ok(process.env.JAVA_HOME, 'run the tests with JAVA_HOME set to the JDK that builds the project');
    const found = findJava({ setting: '', env: process.env, platform });
    assert.ok(!found.error, found.error);
    assert.strictEqual(await checkVersion(found.java, found.from), undefined);
    assert.ok(MINIMUM_JAVA >= 21);
});
