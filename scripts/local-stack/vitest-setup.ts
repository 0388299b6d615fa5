import { applyLocalStackEnv } from './stack-env.js';

applyLocalStackEnv();
