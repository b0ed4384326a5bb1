import { useEffect } from '@inquirer/core';

// Cursor home, then erase to the end of the screen (the scrollback stays as it was).
const WIPE = '\x1b[H\x1b[J';

/**
 * Redraw a full-screen prompt when the terminal is resized. The terminal
 * re-wraps what is on screen to the new width, so the prompt's count of the
 * lines it drew no longer matches and its own erase would leave stale lines:
 * wipe the screen and draw again, laid out for the new width.
 */
export function useRedrawOnResize(redraw: () => void, output: NodeJS.WriteStream = process.stdout): void {
  useEffect(() => {
    const onResize = () => {
      output.write(WIPE);
      redraw();
    };
    output.on('resize', onResize);
    return () => {
      output.off('resize', onResize);
    };
  }, []);
}
