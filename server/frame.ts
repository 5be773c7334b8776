// What a newcomer must see on first start (the address to open, the administrator's password
// shown once) comes last, in a frame, after the build and seeding lines.

/** Lines in a box drawn with Unicode rules, one space of padding. */
export function frame(lines: readonly string[]): string {
  const width = Math.max(...lines.map((l) => [...l].length));
  const pad = (l: string) => `${l}${' '.repeat(width - [...l].length)}`;
  return [`╭${'─'.repeat(width + 2)}╮`, ...lines.map((l) => `│ ${pad(l)} │`), `╰${'─'.repeat(width + 2)}╯`].join('\n') + '\n';
}
