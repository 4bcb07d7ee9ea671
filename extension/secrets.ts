// The endpoint's API key lives in VS Code's SecretStorage only: never in settings, logs or exports.
// The server gets it in memory (initialization options and the setApiKey notification).
import * as vscode from 'vscode';

const secretKey = 'lemaTutor.apiKey';

export class ApiKeyStore implements vscode.Disposable {
  /** Last known key, so the server can be (re)started synchronously with it. */
  private current: string | undefined;
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with the new key (undefined when cleared), from any window of this VS Code. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key !== secretKey) return;
      this.current = await secrets.get(secretKey);
      this.changed.fire(this.current);
    });
  }

  /** Reads the stored key once at activation. */
  async load(): Promise<string | undefined> {
    try {
      this.current = await this.secrets.get(secretKey);
    } catch {
      // No usable keyring: run without a key rather than not at all.
      this.current = undefined;
    }
    return this.current;
  }

  get value(): string | undefined {
    return this.current;
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(secretKey, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(secretKey);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Asks for the key with a password box; undefined when the person cancels. */
export async function promptForApiKey(): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({
    title: 'LeMa Tutor: API key of the model endpoint',
    prompt: 'Stored in VS Code secret storage and sent only to lemaTutor.model.endpoint.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'The key is empty.' : /\s/.test(value.trim()) ? 'An API key has no spaces.' : undefined),
  });
  return key?.trim();
}
