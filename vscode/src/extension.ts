// The VS Code side of Copper: starts the language server over stdio and hands it .cup and .cui files.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { checkVersion, findJava } from './javaLocator';
import { bundledJar, serverCommand } from './serverCommand';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const config = vscode.workspace.getConfiguration('copper');
    const found = findJava({ setting: config.get<string>('java.home', ''), env: process.env, platform: process.platform });
    if ('error' in found) {
        await complain(found.error);
        return;
    }
    const tooOld = await checkVersion(found.java, found.from);
    if (tooOld !== undefined) {
        await complain(tooOld);
        return;
    }
    const jar = config.get<string>('server.jar', '').trim() || bundledJar(context.extensionPath);
    if (!fs.existsSync(jar)) {
        await complain(`The Copper language server jar ${jar} does not exist.`);
        return;
    }
    const command = serverCommand(found.java, jar);
    const serverOptions: ServerOptions = { ...command, transport: TransportKind.stdio };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'copper-policy' },
            { scheme: 'file', language: 'copper-interface' },
        ],
        synchronize: {
            // the graph feeds completion and the placement lenses
            fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.cup,*.cui,graph.json,copper.json}'),
        },
    };
    client = new LanguageClient('copper', 'Copper language server', serverOptions, clientOptions);
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('copper')) {
            void vscode.window.showInformationMessage('Copper settings changed: reload the window to restart the language server.');
        }
    }));
    await client.start();
}

async function complain(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
    if (choice === 'Open Settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'copper.java.home');
    }
}

export function deactivate(): Thenable<void> | undefined {
    return client?.stop();
}
