// An Endpoint from its parsed URL. Remote endpoints need credentials (asked for only when the URL is remote);
// local ones need the store.
import type { Store } from '../store/store.ts';
import type { Endpoint } from './endpoint.ts';
import { ImapEndpoint } from './imap/imap-endpoint.ts';
import { LocalEndpoint } from './local/local-endpoint.ts';
import { MaildirEndpoint } from './maildir/maildir-endpoint.ts';
import { MboxEndpoint } from './mbox/mbox-endpoint.ts';
import type { EndpointSpec, RemoteSpec } from './parse-url.ts';
import { Pop3Endpoint } from './pop3/pop3-endpoint.ts';
import type { RemoteOptions } from './remote-options.ts';

export interface EndpointContext {
  store: Store;
  /** called only for imap/pop3 endpoints */
  remote(spec: RemoteSpec): RemoteOptions;
}

export function openEndpoint(spec: EndpointSpec, context: EndpointContext): Endpoint {
  switch (spec.kind) {
    case 'imap':
      return new ImapEndpoint(spec, context.remote(spec));
    case 'pop3':
      return new Pop3Endpoint(spec, context.remote(spec));
    case 'local':
      return new LocalEndpoint(context.store, spec.address);
    case 'maildir':
      return new MaildirEndpoint(spec.path);
    case 'mbox':
      return new MboxEndpoint(spec.path, spec.directory, spec.url);
  }
}
