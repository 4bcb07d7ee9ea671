// The export formats by name.
import type { ExportFormat } from '../../protocol.ts';
import { alpacaFormat } from './alpaca.ts';
import { lemaFormat } from './lema.ts';
import { openaiChatFormat } from './openaiChat.ts';
import { processbenchFormat } from './processbench.ts';
import { trlDpoFormat } from './trlDpo.ts';
import { trlSftFormat } from './trlSft.ts';
import type { ExportFormatModule } from './types.ts';

export interface FormatOptions {
  /** openai-chat: send the instruction as a system message (default) or at the top of the user message. */
  system?: boolean;
}

export function exportFormat(name: ExportFormat, options: FormatOptions = {}): ExportFormatModule {
  switch (name) {
    case 'lema':
      return lemaFormat;
    case 'openai-chat':
      return openaiChatFormat(options);
    case 'trl-sft':
      return trlSftFormat;
    case 'trl-dpo':
      return trlDpoFormat;
    case 'alpaca':
      return alpacaFormat;
    case 'processbench':
      return processbenchFormat;
  }
}
