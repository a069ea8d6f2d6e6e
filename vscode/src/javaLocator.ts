// Finds the `java` that runs the language server: the `copper.java.home` setting, then JAVA_HOME,
// then the PATH. No `vscode` import, so the tests run it in plain Node.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The server jar is compiled for Java 21. */
export const MINIMUM_JAVA = 21;

export interface JavaSearch {
    /** the `copper.java.home` setting: a JDK/JRE folder or a `java` executable; empty for none */
    setting: string;
    env: NodeJS.ProcessEnv;
    platform: NodeJS.Platform;
}

export type Found = { java: string; from: string } | { error: string };

function executableName(platform: NodeJS.Platform): string {
    return platform === 'win32' ? 'java.exe' : 'java';
}

function isFile(p: string): boolean {
    try {
        return fs.statSync(p).isFile();
    } catch {
        return false;
    }
}

function isDirectory(p: string): boolean {
    try {
        return fs.statSync(p).isDirectory();
    } catch {
        return false;
    }
}

/** A folder means its bin/java; anything else is taken as the executable itself. */
function javaIn(location: string, platform: NodeJS.Platform): string | undefined {
    const candidate = isDirectory(location) ? path.join(location, 'bin', executableName(platform)) : location;
    return isFile(candidate) ? candidate : undefined;
}

export function findJava(search: JavaSearch): Found {
    const setting = search.setting.trim();
    if (setting !== '') {
        const java = javaIn(setting, search.platform);
        return java ? { java, from: 'the copper.java.home setting' }
            : { error: `The setting copper.java.home is "${setting}", which is neither a Java folder with bin/${executableName(search.platform)} nor a java executable.` };
    }
    const javaHome = search.env.JAVA_HOME?.trim();
    if (javaHome) {
        const java = javaIn(javaHome, search.platform);
        return java ? { java, from: 'JAVA_HOME' }
            : { error: `JAVA_HOME is "${javaHome}", which has no bin/${executableName(search.platform)}. Fix JAVA_HOME or set copper.java.home.` };
    }
    const pathVariable = search.env.PATH ?? search.env.Path ?? '';
    const separator = search.platform === 'win32' ? ';' : ':';
    for (const folder of pathVariable.split(separator)) {
        if (folder === '') {
            continue;
        }
        const java = path.join(folder, executableName(search.platform));
        if (isFile(java)) {
            return { java, from: 'the PATH' };
        }
    }
    return { error: `The Copper language server needs Java ${MINIMUM_JAVA} or newer and found none: set copper.java.home, or JAVA_HOME, or put java on the PATH.` };
}

/** The major version in `java -version`'s first line ("1.8.0_402" is 8, "21.0.2" is 21, "25" is 25). */
export function majorVersion(versionOutput: string): number | undefined {
    const m = /version "([0-9]+)(?:\.([0-9]+))?[^"]*"/.exec(versionOutput);
    if (!m) {
        return undefined;
    }
    const first = Number(m[1]);
    return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

/** Runs `java -version`: undefined when the java is new enough, else why not. */
export function checkVersion(java: string, from: string): Promise<string | undefined> {
    return new Promise(resolve => {
        execFile(java, ['-version'], { timeout: 30000 }, (err, stdout, stderr) => {
            if (err) {
                resolve(`${java} (from ${from}) does not run: ${err.message}`);
                return;
            }
            const major = majorVersion(stderr + stdout);
            if (major === undefined) {
                resolve(`${java} (from ${from}) printed no version this extension understands: ${(stderr + stdout).split('\n')[0]}`);
            } else if (major < MINIMUM_JAVA) {
                resolve(`${java} (from ${from}) is Java ${major}; the Copper language server needs Java ${MINIMUM_JAVA} or newer. Set copper.java.home to a newer one.`);
            } else {
                resolve(undefined);
            }
        });
    });
}
