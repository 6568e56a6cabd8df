// The text of an uploaded notice: DOCX through mammoth, PDF through Debian's pdftotext (poppler-utils),
// plain text as it is. Anything else, or a tool missing, gives null (the file is still kept).
import { execFile } from 'node:child_process';
import mammoth from 'mammoth';

const MAX_TEXT = 500_000;

export async function extractText(content: Buffer, fileName: string, mime: string): Promise<string | null> {
  const name = fileName.toLowerCase();
  try {
    if (name.endsWith('.docx') || mime.includes('wordprocessingml')) {
      const r = await mammoth.extractRawText({ buffer: content });
      return clip(r.value);
    }
    if (name.endsWith('.pdf') || mime === 'application/pdf') return clip(await pdfText(content));
    if (name.endsWith('.txt') || mime.startsWith('text/plain')) return clip(content.toString('utf8'));
  } catch {
    return null;
  }
  return null;
}

function clip(s: string | null): string | null {
  if (s === null) return null;
  const t = s.normalize('NFC').replace(/\u0000/g, '').replace(/\r\n?/g, '\n').trim();
  return t ? t.slice(0, MAX_TEXT) : null;
}

function pdfText(content: Buffer): Promise<string | null> {
  return new Promise((resolve) => {
    const child = execFile('pdftotext', ['-enc', 'UTF-8', '-layout', '-', '-'], { maxBuffer: 20 * 1024 * 1024, timeout: 30_000 }, (err, stdout) =>
      resolve(err ? null : stdout));
    child.stdin?.on('error', () => resolve(null));
    child.stdin?.end(content);
  });
}
