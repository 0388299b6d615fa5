import { writeFileSync } from 'node:fs';
import { crdFile, ticketEventCrdYaml } from './crd.js';

writeFileSync(crdFile, ticketEventCrdYaml());
console.log(`wrote ${crdFile}`);
