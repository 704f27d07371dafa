// CHECK (RFC 3501 §6.4.1): every change is already durable when its command completes; nothing to do.
import { defineCommand, ok } from '../command.ts';

export const check = defineCommand({
  name: 'CHECK',
  states: ['selected'],
  async run() {
    return ok('CHECK completed.');
  },
});
