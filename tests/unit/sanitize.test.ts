/* eslint-disable no-control-regex -- these patterns exist to find control characters */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeLine } from '../../src/ui/sanitize.js';

/** ESC, C1 and the other bytes a terminal acts on: none may survive. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('sanitize (untrusted text on its way to the terminal)', () => {
  it('removes an OSC 52 clipboard write, a window title and a screen clear whole, parameters and all', () => {
    const text = 'Zone \u001b]52;c;ZWNobyBwd25lZA==\u0007IV\u001b]0;pwned\u001b\\ is \u001b[2J\u001b[Hlocked';
    expect(sanitize(text)).toBe('Zone IV is locked');
  });

  it('removes C1 controls (CSI as one byte), bidi overrides and zero-width characters', () => {
    expect(sanitize('a\u009b2Jb\u202eevil\u202c\u200bc')).toBe('abevilc');
  });

  it('keeps newlines and tabs in text, and makes one line of a path or a name', () => {
    expect(sanitize('one\n\ttwo\r')).toBe('one\n\ttwo');
    expect(sanitizeLine('rec\nord\t.html\r')).toBe('rec ord .html ');
  });

  it('leaves ordinary text, accents, symbols and emoji alone', () => {
    expect(sanitize('Zone IV — 3 T, ≤ 4 W/kg, café ✓ 🧲')).toBe('Zone IV — 3 T, ≤ 4 W/kg, café ✓ 🧲');
  });

  it('lets no ESC or C1 byte through, whatever control characters a string is made of (fuzz)', () => {
    const control = fc.constantFrom(...'\u0000\u0007\u0008\u000b\u000c\r\u001b\u007f\u0080\u008d\u009b\u009c\u009d\u200b\u202e\u2066[]];\\0123abcPX^_'.split(''));
    fc.assert(
      fc.property(fc.array(fc.oneof(control, fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 40 }), (parts) => {
        const clean = sanitize(parts.join(''));
        expect(clean).not.toMatch(UNSAFE);
        expect(sanitizeLine(parts.join(''))).not.toMatch(/[\n\r\t\u001b\u0080-\u009f]/u);
      }),
      { numRuns: 2000 },
    );
  });
});
