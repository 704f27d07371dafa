# Python's imaplib against the mailferry IMAP server: every command, over STARTTLS and implicit TLS.
# Usage: imaplib-session.py PORT TLS_PORT USER PASSWORD; prints one JSON object with what each step saw.
import imaplib
import json
import ssl
import sys
import time

port, tls_port, user, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
for name in ('MOVE', 'ID', 'IDLE'):
    imaplib.Commands.setdefault(name, ('AUTH', 'SELECTED'))
out = {}


def text(data):
    """imaplib's response data as plain strings (literals joined)."""
    parts = []
    for item in data:
        if isinstance(item, tuple):
            parts.append(b' '.join(x for x in item if isinstance(x, bytes)).decode('latin1'))
        elif item is not None:
            parts.append(item.decode('latin1') if isinstance(item, bytes) else str(item))
    return parts


M = imaplib.IMAP4('127.0.0.1', port)
out['greeting_caps'] = sorted(M.capabilities)
M.starttls(ssl_context=context)
out['caps_after_tls'] = sorted(M.capabilities)
typ, data = M.authenticate('PLAIN', lambda _: b'\0' + user.encode() + b'\0' + password.encode())
out['authenticate'] = typ
out['namespace'] = text(M.namespace()[1])
out['id'] = text(M._simple_command('ID', '("name" "imaplib")') and M._untagged_response('OK', [None], 'ID')[1])
out['enable'] = text(M.enable('CONDSTORE')[1])
out['noop'] = M.noop()[0]
out['create'] = [M.create('Work')[0], M.create('Work/Reports')[0], M.create('Work')[0]]
out['rename'] = M.rename('Work/Reports', 'Work/Summaries')[0]
out['subscribe'] = M.subscribe('Work/Summaries')[0]
out['lsub'] = text(M.lsub('""', 'Work/*')[1])
out['unsubscribe'] = M.unsubscribe('Work/Summaries')[0]
out['list'] = text(M.list('""', '*')[1])
out['list_pattern'] = text(M.list('Work', '%')[1])
out['status'] = text(M.status('INBOX', '(MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)')[1])
date = imaplib.Time2Internaldate(time.mktime((2021, 3, 4, 5, 6, 7, 0, 0, -1)))
out['append'] = [M.append('INBOX', '(\\Flagged)', date, b'Subject: appended\r\nFrom: py@example.org\r\n\r\nfrom python\r\n')[1][0].decode()]
out['append_missing'] = M.append('Nowhere', None, None, b'Subject: x\r\n\r\ny\r\n')[1][0].decode()

typ, data = M.select('INBOX', readonly=True)
out['examine'] = [typ, data[0].decode()]
out['examine_store'] = M.store('1', '+FLAGS', '(\\Seen)')[0]
M.close()
typ, data = M.select('INBOX')
out['select'] = [typ, data[0].decode()]
out['fetch_flags'] = text(M.fetch('1:*', '(UID FLAGS RFC822.SIZE INTERNALDATE)')[1])
out['fetch_envelope'] = text(M.fetch('1', '(ENVELOPE)')[1])
out['fetch_bodystructure'] = text(M.fetch('2', '(BODYSTRUCTURE)')[1])
out['fetch_header_fields'] = text(M.fetch('1', '(BODY.PEEK[HEADER.FIELDS (SUBJECT)])')[1])
out['fetch_header_not'] = text(M.fetch('1', '(BODY.PEEK[HEADER.FIELDS.NOT (SUBJECT FROM)])')[1])
out['fetch_mime'] = text(M.fetch('2', '(BODY.PEEK[1.MIME] BODY.PEEK[2]<0.5>)')[1])
out['fetch_rfc822_header'] = text(M.fetch('1', '(RFC822.HEADER)')[1])
out['fetch_rfc822'] = text(M.fetch('1', '(RFC822)')[1])
out['fetch_after_rfc822'] = text(M.fetch('1', '(FLAGS)')[1])
out['fetch_text'] = text(M.fetch('3', '(BODY[TEXT])')[1])
out['fetch_all_macro'] = text(M.fetch('1', 'FAST')[1])
out['store'] = text(M.store('2', '+FLAGS', '(\\Answered $Work)')[1])
out['store_silent'] = text(M.store('2', '-FLAGS.SILENT', '($Work)')[1])
out['search_all'] = text(M.search(None, 'ALL')[1])
out['search_subject'] = text(M.search(None, 'SUBJECT', '"multipart"')[1])
out['search_unanswered'] = text(M.search(None, 'UNANSWERED', 'NOT', 'DELETED')[1])
M.literal = 'Grüße'.encode('utf-8')
out['search_utf8'] = text(M.search('UTF-8', 'BODY')[1])
typ, data = M.search('X-NOPE', 'ALL')
out['search_bad_charset'] = ' '.join([typ] + text(data))
out['uid_search'] = text(M.uid('SEARCH', None, 'UID', '2:*')[1])
out['uid_fetch'] = text(M.uid('FETCH', '2', '(FLAGS)')[1])
out['uid_store'] = text(M.uid('STORE', '3', '+FLAGS', '(\\Draft)')[1])
out['copy'] = text([M.copy('1:2', 'Work')[0].encode()])
out['copy_response'] = str(M.response('COPYUID'))
out['uid_copy'] = M.uid('COPY', '3', 'Work')[0]
typ, data = M._simple_command('MOVE', '1', 'Trash')
out['move'] = typ
out['after_move_expunge'] = text(M.response('EXPUNGE')[1])
out['check'] = M.check()[0]
M.store('1', '+FLAGS', '(\\Deleted)')
out['expunge'] = text(M.expunge()[1])
M.store('1', '+FLAGS', '(\\Deleted)')
out['uid_expunge'] = M.uid('EXPUNGE', '1:*')[0]

# IDLE by hand (imaplib before 3.14 has no idle())
tag = M._new_tag()
M.send(tag + b' IDLE\r\n')
out['idle_continuation'] = M.readline().decode().strip()
M.send(b'DONE\r\n')
out['idle_done'] = M.readline().decode().strip()
out['unselect'] = M.unselect()[0]
out['delete'] = [M.delete('Work/Summaries')[0], M.delete('INBOX')[0]]
out['logout'] = M.logout()[0]

S = imaplib.IMAP4_SSL('127.0.0.1', tls_port, ssl_context=context)
out['ssl_login'] = S.login(user, password)[0]
out['ssl_examine'] = S.select('Work', readonly=True)[1][0].decode()
out['ssl_logout'] = S.logout()[0]
print(json.dumps(out))
