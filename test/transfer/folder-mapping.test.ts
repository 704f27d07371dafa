// Folder mapping without servers: namespace prefixes and delimiters, special use, --include/--exclude/--map,
// names made safe for the destination, Gmail labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FolderInfo, NamespaceLayout, SpecialUse } from '../../src/endpoints/endpoint.ts';
import { mapFolders, type FolderRules } from '../../src/folders/folder-mapper.ts';
import { globToRegExp, parseMapRule } from '../../src/folders/name-rules.ts';

const slash: NamespaceLayout = { prefix: '', delimiter: '/', forbidden: '%*' };
const inboxDot: NamespaceLayout = { prefix: 'INBOX.', delimiter: '.', forbidden: '%*' };
const folder = (name: string, delimiter: string, specialUse: SpecialUse | null = null): FolderInfo => ({ name, delimiter, specialUse, selectable: true });
const rules = (extra: Partial<FolderRules> = {}): FolderRules => ({ mode: 'standard', include: [], exclude: [], maps: [], ...extra });

function destOf(result: ReturnType<typeof mapFolders>): Record<string, string> {
  return Object.fromEntries(result.mappings.map((m) => [m.logical, m.dest]));
}

test('"/" server to an INBOX.-prefixed "." server: prefix, delimiter, special use, unsafe dots', () => {
  const result = mapFolders({
    source: { layout: slash, folders: ['INBOX', 'Sent', 'Archive/2023/Q1', 'v1.2 notes', 'Entwürfe & Co'].map((n) => folder(n, '/', n === 'Sent' ? '\\Sent' : null)) },
    dest: { layout: inboxDot, folders: [folder('INBOX', '.'), folder('INBOX.Sent Items', '.', '\\Sent')] },
    rules: rules(),
  });
  assert.deepEqual(destOf(result), {
    'INBOX': 'INBOX', 'Sent': 'INBOX.Sent Items', 'Archive/2023/Q1': 'INBOX.Archive.2023.Q1', 'v1.2 notes': 'INBOX.v1_2 notes',
    'Entwürfe & Co': 'INBOX.Entwürfe & Co',
  });
  const byLogical = new Map(result.mappings.map((m) => [m.logical, m]));
  assert.equal(byLogical.get('Sent')!.create, false);
  assert.equal(byLogical.get('Archive/2023/Q1')!.create, true);
  assert.match(byLogical.get('v1.2 notes')!.renamed!, /characters/);
  assert.match(byLogical.get('Sent')!.renamed!, /special use/);
});

test('INBOX.-prefixed source to a "/" destination; special folders found by name when not advertised', () => {
  const result = mapFolders({
    source: { layout: inboxDot, folders: ['INBOX', 'INBOX.Projects.Alpha', 'INBOX.Sent Messages', 'INBOX.Trash'].map((n) => folder(n, '.')) },
    dest: { layout: slash, folders: [folder('INBOX', '/'), folder('Sent', '/', '\\Sent'), folder('Deleted Items', '/')] },
    rules: rules(),
  });
  assert.deepEqual(destOf(result), { 'INBOX': 'INBOX', 'Projects/Alpha': 'Projects/Alpha', 'Sent Messages': 'Sent', 'Trash': 'Deleted Items' });
});

test('--include/--exclude globs and --map rules on the logical name', () => {
  const names = ['INBOX', 'Lists/rust', 'Lists/node/help', 'Private', 'Old/2019'];
  const result = mapFolders({
    source: { layout: slash, folders: names.map((n) => folder(n, '/')) },
    dest: { layout: slash, folders: [folder('INBOX', '/')] },
    rules: rules({ exclude: ['Private'], include: ['INBOX', 'Lists/*', 'Old/%'], maps: [parseMapRule('^Old/(.*)$=>Archive/$1')] }),
  });
  assert.deepEqual(destOf(result), { 'INBOX': 'INBOX', 'Lists/rust': 'Lists/rust', 'Lists/node/help': 'Lists/node/help', 'Old/2019': 'Archive/2019' });
  assert.deepEqual(result.skipped, ['Private']);
  assert.ok(globToRegExp('Lists/%').test('Lists/rust') && !globToRegExp('Lists/%').test('Lists/node/help'));
  assert.throws(() => parseMapRule('no arrow'), /REGEX=>REPLACEMENT/);
});

test('inbox-prefix mode puts everything below INBOX when the destination does not say so', () => {
  const result = mapFolders({
    source: { layout: slash, folders: ['INBOX', 'Work/Clients'].map((n) => folder(n, '/')) },
    dest: { layout: { prefix: '', delimiter: '.', forbidden: '%*' }, folders: [folder('INBOX', '.')] },
    rules: rules({ mode: 'inbox-prefix' }),
  });
  assert.deepEqual(destOf(result), { 'INBOX': 'INBOX', 'Work/Clients': 'INBOX.Work.Clients' });
});

test('Gmail mode: labels become folders, All Mail goes to Archive after them, views are skipped', () => {
  const source = [
    folder('INBOX', '/'), folder('Work', '/'), folder('[Gmail]/All Mail', '/', '\\All'), folder('[Gmail]/Sent Mail', '/', '\\Sent'),
    folder('[Gmail]/Starred', '/', '\\Flagged'), folder('[Gmail]/Important', '/'), folder('[Gmail]/Spam', '/', '\\Junk'),
  ];
  const result = mapFolders({
    source: { layout: slash, folders: source },
    dest: { layout: slash, folders: [folder('INBOX', '/'), folder('Sent', '/', '\\Sent'), folder('Junk', '/', '\\Junk')] },
    rules: rules({ mode: 'gmail' }),
  });
  assert.deepEqual(destOf(result), { 'INBOX': 'INBOX', 'Work': 'Work', '[Gmail]/All Mail': 'Archive', '[Gmail]/Sent Mail': 'Sent', '[Gmail]/Spam': 'Junk' });
  assert.deepEqual(result.skipped.sort(), ['[Gmail]/Important', '[Gmail]/Starred']);
  assert.equal(result.mappings.find((m) => m.logical === '[Gmail]/All Mail')!.gmail, 'all-mail');
});
