// What a SEARCH program needs to read (RFC 3501 §6.4.4): only metadata, or also the MIME structure, the
// header block, the body text. Collected once so each message is read once and only as far as needed.
import type { SearchKey } from '../../codec/index.ts';
import { fold } from './text-matcher.ts';

export interface SearchNeeds {
  mime: boolean;
  header: boolean;
  /** folded needles looked for in the body text (BODY) */
  bodyNeedles: string[];
  /** folded needles looked for in the body text and MIME headers (TEXT) */
  textNeedles: string[];
  modseq: boolean;
}

export function searchNeeds(key: SearchKey): SearchNeeds {
  const needs: SearchNeeds = { mime: false, header: false, bodyNeedles: [], textNeedles: [], modseq: false };
  const body = new Set<string>();
  const text = new Set<string>();
  const walk = (k: SearchKey): void => {
    switch (k.type) {
      case 'header':
        needs.header = true;
        break;
      case 'body':
        body.add(fold(k.value));
        break;
      case 'text':
        needs.header = true;
        text.add(fold(k.value));
        break;
      case 'sentdate':
        needs.mime = true;
        break;
      case 'modseq':
        needs.modseq = true;
        break;
      case 'not':
        walk(k.key);
        break;
      case 'or':
        walk(k.left);
        walk(k.right);
        break;
      case 'and':
        k.keys.forEach(walk);
        break;
      default:
        break;
    }
  };
  walk(key);
  needs.bodyNeedles = [...body];
  needs.textNeedles = [...text];
  if (needs.header || needs.bodyNeedles.length > 0) needs.mime = true;
  return needs;
}
