// Plain-JavaScript entry for extraction worker threads: registers tsx so the TypeScript worker can load
// (worker threads do not inherit the parent's loader).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
