// How the language server is started: the bundled (or configured) jar under the found java.
import * as path from 'path';

export function bundledJar(extensionRoot: string): string {
    return path.join(extensionRoot, 'server', 'copper-lsp.jar');
}

export function serverCommand(java: string, jar: string): { command: string; args: string[] } {
    return { command: java, args: ['-jar', jar] };
}
