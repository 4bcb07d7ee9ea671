// Imported first by extension.ts, before any zod schema exists. zod probes `navigator` when it builds
// an object schema (to decide whether it may compile parsers with `new Function`); in the extension host
// that global is a trap that logs a PendingMigrationError. Messages here are small, so the plain
// interpreter is all we need and the probe is skipped.
import { config } from 'zod';

config({ jitless: true });
