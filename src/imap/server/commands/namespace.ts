// NAMESPACE (RFC 2342 §5): one personal namespace with prefix "" and "/" as hierarchy separator; nothing shared.
import { atom, str, untagged } from '../../codec/index.ts';
import { HIERARCHY_SEPARATOR } from '../../../store/types.ts';
import { defineCommand, ok } from '../command.ts';

export const namespace = defineCommand({
  name: 'NAMESPACE',
  states: ['authenticated', 'selected'],
  async run(session) {
    await session.send(untagged(atom('NAMESPACE'), [[str(''), str(HIERARCHY_SEPARATOR)]], null, null));
    return ok('NAMESPACE completed.');
  },
});
