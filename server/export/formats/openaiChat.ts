// `openai-chat`: {"messages": [system, user, assistant]} for chat fine-tuning (OpenAI, and most
// trainers that apply a chat template). The user message is the problem block, the assistant
// answers from `Incorrect Step:`, as the model engine's chat-style request expects.
import { z } from 'zod';
import { INSTRUCTION, problemBlock } from '../solutionLayout.ts';
import { correctorFormat } from './correctorFormat.ts';
import type { ExportFormatModule } from './types.ts';

const message = (role: 'system' | 'user' | 'assistant') => z.strictObject({ role: z.literal(role), content: z.string().min(1) });

export const openaiChatSampleSchema = z.strictObject({
  messages: z.union([
    z.tuple([message('system'), message('user'), message('assistant')]),
    z.tuple([message('user'), message('assistant')]),
  ]),
});
export type OpenaiChatSample = z.infer<typeof openaiChatSampleSchema>;

/** With `system: false` the instruction goes at the top of the user message instead (as the model engine sends it). */
export function openaiChatFormat(options: { system?: boolean } = {}): ExportFormatModule<OpenaiChatSample> {
  const system = options.system ?? true;
  return correctorFormat<OpenaiChatSample>('openai-chat', openaiChatSampleSchema, (record, target) => {
    const assistant = { role: 'assistant' as const, content: `Incorrect Step: ${target}` };
    if (!system) return { messages: [{ role: 'user', content: `${INSTRUCTION}\n${problemBlock(record)}` }, assistant] };
    return { messages: [{ role: 'system', content: INSTRUCTION }, { role: 'user', content: problemBlock(record) }, assistant] };
  });
}
