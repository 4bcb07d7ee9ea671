import type { EngineInfo } from '../engine/types.ts';

/** How a diagnostic names the engine that found a mistake. */
export function describeEngine(engine: EngineInfo): string {
  return engine.kind === 'embedded' ? 'embedded verifier' : `model ${engine.model}`;
}

/** A short stable label, for summaries and JSON output. */
export function engineLabel(engine: EngineInfo): string {
  return engine.kind === 'embedded' ? 'embedded' : `model:${engine.model}`;
}
