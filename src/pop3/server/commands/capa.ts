// RFC 2449 §5 CAPA, in either state.
import { multilineResponse } from '../../codec/responses.ts';
import { capabilityLines } from '../capabilities.ts';
import type { AnyStateCommand } from '../command.ts';

export const capaCommand: AnyStateCommand<'CAPA'> = {
  verb: 'CAPA',
  state: 'any',
  async run(session) {
    session.reply(multilineResponse('Capability list follows', capabilityLines(session)));
  },
};
