// Attachments are judged by their bytes, and the note's code opens only with the right tracking code.
import { describe, expect, it } from 'vitest';
import { newBox, newTrackingCode, open, seal } from '../../server/requests/codes.js';
import { safeName, sniff } from '../../server/requests/files.js';

describe('attachment types by magic bytes', () => {
  it('recognises PDF, PNG and JPEG whatever the name says', () => {
    expect(sniff(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
  });
  it('refuses anything else, a renamed executable or text included', () => {
    expect(sniff(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniff(Buffer.from('hello %PDF-'))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });
  it('keeps a safe file name', () => {
    expect(safeName('../../etc/passwd"x.pdf', 'application/pdf')).toBe('passwd_x.pdf');
    expect(safeName('', 'image/png')).toBe('document.png');
  });
});

describe('sealing the official note code', () => {
  it('is sealed without the tracking code and opens only with it', async () => {
    const code = newTrackingCode();
    const box = await newBox(code);
    expect(box.privateKey).toContain('ENCRYPTED PRIVATE KEY');
    const sealed = seal('NOTECODE123', box.publicKey);
    expect(open(sealed, box.privateKey, code)).toBe('NOTECODE123');
    expect(open(sealed, box.privateKey, code.toLowerCase())).toBe('NOTECODE123');
    expect(open(sealed, box.privateKey, newTrackingCode())).toBeNull();
  });
});
