// The status bar item: which engine is checking, and what to do when the model cannot be reached.
import * as vscode from 'vscode';
import type { EngineState } from '../server/protocol.ts';
import { accessibleLabel } from './statusLabels.ts';

/** Checks shorter than this never show the spinner, so the item does not flicker while typing. */
const spinnerDelayMs = 500;

export class EngineStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private state: EngineState = { state: 'embedded-only' };
  /** The state shown before the current check began; shown again until the spinner is due. */
  private settled: EngineState = { state: 'embedded-only' };
  private spinnerTimer: NodeJS.Timeout | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('lemaTutor.engine', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'LeMa Tutor';
    this.item.command = 'lemaTutor.statusBarActions';
    this.render(this.state);
    this.item.show();
  }

  get current(): EngineState {
    return this.state;
  }

  update(state: EngineState): void {
    this.state = state;
    if (state.state === 'checking') {
      if (this.spinnerTimer === undefined) {
        this.spinnerTimer = setTimeout(() => {
          this.spinnerTimer = undefined;
          if (this.state.state === 'checking') this.render(this.state);
        }, spinnerDelayMs);
      }
      return;
    }
    this.clearTimer();
    this.settled = state;
    this.render(state);
  }

  /** The last state that was not `checking` (for the actions menu). */
  get lastSettled(): EngineState {
    return this.settled;
  }

  private render(state: EngineState): void {
    const tooltip = new vscode.MarkdownString(undefined, true);
    this.item.backgroundColor = undefined;
    // Screen readers get plain words: a label derived from the markdown tooltip would carry its
    // escapes (`&nbsp;`, `\(`) and codicon names.
    this.item.accessibilityInformation = { label: accessibleLabel(state), role: 'button' };
    switch (state.state) {
      case 'embedded-only':
        this.item.text = '$(check) LeMa: embedded';
        tooltip.appendMarkdown('LeMa Tutor checks with the embedded exact-arithmetic verifier only. Nothing leaves this machine.');
        break;
      case 'ready':
        this.item.text = `$(sparkle) LeMa: ${state.model ?? 'model'}`;
        tooltip.appendMarkdown('LeMa Tutor: the model endpoint is ready; the embedded verifier runs too.');
        break;
      case 'checking':
        this.item.text = `$(sync~spin) LeMa: checking${state.pending ? ` (${state.pending})` : ''}`;
        tooltip.appendMarkdown(`LeMa Tutor is checking${state.model ? ` with ${state.model}` : ''}…`);
        break;
      case 'unreachable':
        this.item.text = '$(warning) LeMa: model unreachable';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        tooltip.appendText(`The model endpoint cannot be reached${state.reason ? `: ${state.reason}` : '.'}`);
        tooltip.appendMarkdown('\n\nFalling back to the embedded verifier.');
        if (state.retryAt !== undefined) tooltip.appendText(` Next try at ${new Date(state.retryAt).toLocaleTimeString()}.`);
        break;
    }
    tooltip.appendMarkdown('\n\nClick for actions.');
    this.item.tooltip = tooltip;
  }

  private clearTimer(): void {
    if (this.spinnerTimer !== undefined) clearTimeout(this.spinnerTimer);
    this.spinnerTimer = undefined;
  }

  dispose(): void {
    this.clearTimer();
    this.item.dispose();
  }
}

interface Action extends vscode.QuickPickItem {
  command: string;
  args?: unknown[];
}

/** The actions that fit the engine state, for the status bar's quick pick. */
export function actionsFor(state: EngineState, hasApiKey: boolean): Action[] {
  const checkNow: Action = { label: '$(checklist) Check document now', command: 'lemaTutor.checkDocument' };
  const endpoint: Action = {
    label: '$(gear) Set model endpoint…',
    description: 'lemaTutor.model.*',
    command: 'lemaTutor.openEndpointSettings',
  };
  const apiKey: Action = hasApiKey
    ? { label: '$(key) Clear API key', command: 'lemaTutor.clearApiKey' }
    : { label: '$(key) Set API key…', command: 'lemaTutor.setApiKey' };
  const output: Action = { label: '$(output) Show output', command: 'lemaTutor.showOutput' };
  const restart: Action = { label: '$(debug-restart) Restart server', command: 'lemaTutor.restartServer' };
  switch (state.state) {
    case 'unreachable':
      return [{ ...checkNow, label: '$(refresh) Retry now (check document)' }, endpoint, apiKey, output, restart];
    case 'embedded-only':
      return [checkNow, { ...endpoint, label: '$(sparkle) Connect a model endpoint…' }, output];
    case 'ready':
    case 'checking':
      return [checkNow, endpoint, apiKey, output, restart];
  }
}

export async function showStatusActions(state: EngineState, hasApiKey: boolean): Promise<void> {
  const picked = await vscode.window.showQuickPick(actionsFor(state, hasApiKey), { title: 'LeMa Tutor' });
  if (picked) await vscode.commands.executeCommand(picked.command, ...(picked.args ?? []));
}
