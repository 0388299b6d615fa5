export { advanceAll } from './advance-all.js';
export { type AdvanceOutcome, type AdvancerStores, advanceEvent } from './advance-event.js';
export { type CounterAdvancerConfig, counterAdvancerEnvSchema, loadCounterAdvancerConfig } from './config.js';
export { type CycleOptions, realSleep, runCycles } from './cycles.js';
export { type CounterAdvancerOptions, createCounterAdvancer, handler } from './handler.js';
