// What a person does in the VS Code workbench, as playwright steps on code-server's page. Every
// step waits on a DOM condition (bounded by the context's default timeout), never on a clock.
import type { Locator, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, limits } from './config.ts';

export const SQUIGGLES = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning';

/** Browser-side condition: a squiggle is drawn on the rendered line containing `text`. */
export function squiggleOnLine(text: string): string {
  return `(() => {
    const line = [...document.querySelectorAll('.editor-instance .view-line')]
      .find((l) => l.textContent.replace(/\\u00a0/g, ' ').includes(${JSON.stringify(text)}));
    if (!line) return false;
    const top = line.getBoundingClientRect().top;
    return [...document.querySelectorAll(${JSON.stringify(SQUIGGLES)})]
      .some((s) => Math.abs(s.getBoundingClientRect().top - top) < 4);
  })()`;
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Navigates to code-server with `folder` open and waits for the explorer to show it. */
  async open(url: string): Promise<void> {
    await this.page.goto(url, { timeout: limits.workbench });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: limits.workbench });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: limits.workbench });
  }

  /** Opens a workspace file through Quick Open, as a person would type its name; returns when Enter was pressed (epoch ms). */
  async openFile(name: string): Promise<number> {
    await this.quickInput();
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(name);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    const pressed = Date.now();
    await input.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
    return pressed;
  }

  /** Runs a command from the command palette by its exact label (clicked: Enter would take the top match). */
  async command(label: string): Promise<void> {
    await this.quickInput();
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(`>${label}`);
    const exact = this.page.locator('.quick-input-widget .label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) });
    await exact.first().click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Types `text` at the end of the active editor, as one input (no Enter keys, so no list continuation). */
  async appendText(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.insertText(text);
  }

  /** Saves the active editor (Ctrl+S); the caller waits for the file on disk. */
  async save(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+s');
  }

  /** Opens the command palette (F1); callers replace its text (no `>`: Quick Open's file search). */
  private async quickInput(): Promise<void> {
    await this.page.locator('.monaco-workbench').press('F1');
    await this.page.locator('.quick-input-widget .quick-input-box input').waitFor();
  }

  /** The text editor's visible text (Monaco renders only the lines in view). */
  async editorText(): Promise<string> {
    return (await this.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
  }

  squiggles(): Locator {
    return this.page.locator(SQUIGGLES);
  }

  statusItem(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: text });
  }

  /** Shows the Problems panel; returns its rows. */
  async problems(): Promise<Locator> {
    await this.command('Problems: Focus on Problems View');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor();
    return panel.locator('.monaco-list-row');
  }

  /** Puts the cursor on the next error/warning after the cursor (F8), then closes the peek. */
  async goToNextProblem(): Promise<string> {
    await this.focusEditor();
    await this.page.keyboard.press('F8');
    const peek = this.page.locator('.marker-widget').first();
    await peek.waitFor();
    const message = await peek.innerText();
    await this.page.keyboard.press('Escape');
    await peek.waitFor({ state: 'hidden' });
    return message;
  }

  /** Gives the text editor keyboard focus without moving its cursor. */
  async focusEditor(): Promise<void> {
    const editor = this.page.locator('.editor-instance .monaco-editor').first();
    // Chromium gets VS Code's EditContext input element; the textarea is the fallback elsewhere.
    const editContext = editor.locator('.native-edit-context');
    await (await editContext.count() > 0 ? editContext : editor.locator('textarea')).first().focus();
  }

  /** Opens the quick-fix menu at the cursor (Ctrl+.) and returns its entries. */
  async quickFixes(): Promise<Locator> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+Period');
    const rows = this.page.locator('.actionList .monaco-list-row.action');
    await rows.first().waitFor();
    return rows;
  }

  /** Moves the mouse onto the first squiggle and waits for the hover. */
  async hoverFirstSquiggle(): Promise<Locator> {
    const squiggle = this.squiggles().first();
    await squiggle.waitFor();
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('the squiggle has no box on screen');
    await this.page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: 'LeMa Tutor' }).first();
    await hover.waitFor();
    return hover;
  }

  /** VS Code's own measure of an extension's activate() (Developer: Show Running Extensions), in ms. */
  async activationTime(displayName: string): Promise<number> {
    await this.command('Developer: Show Running Extensions');
    const row = this.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: displayName });
    const time = row.locator('.activation-time', { hasText: /\d/ });
    await time.waitFor();
    const text = await time.innerText();
    // It opens as a modal editor over the workbench; Escape closes it.
    await this.page.keyboard.press('Escape');
    await this.page.locator('.runtime-extensions-editor').waitFor({ state: 'hidden' });
    const ms = /([\d.]+)\s*ms/.exec(text);
    if (!ms?.[1]) throw new Error(`no activation time in "${text}"`);
    return Number(ms[1]);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(artifactsDir, { recursive: true });
    const path = join(artifactsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
