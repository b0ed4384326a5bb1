import { layoutWidth, wrap } from '../ui/layout.js';
import { UsageError } from '../errors.js';
import { SETTINGS, effectiveSettings, settingSpec } from '../cards/settings.js';
import { openHistory, printLine, systemClock, type GlobalOptions } from './context.js';
import { sanitizeLine } from '../ui/sanitize.js';
import { dayKey } from '../days.js';
import { reviewStoreFor, studySettings } from './study-context.js';

/** `mrso config list|get|set|unset`: settings kept in the history database. */
export function configCommand(action: string, key: string | undefined, value: string | undefined, globals: GlobalOptions): void {
  const known = SETTINGS.map((s) => s.key).join(', ');
  if (!['list', 'get', 'set', 'unset'].includes(action)) {
    throw new UsageError(`config ${action}: expected list, get, set or unset`, 'For example: mrso config set cards.newPerDay 30');
  }
  const spec = key === undefined ? undefined : settingSpec(key);
  if (action !== 'list' && !spec) {
    throw new UsageError(key ? `config ${action} ${key}: unknown setting` : `config ${action} needs a setting name`, `Settings: ${known}`);
  }
  if (action === 'set' && value === undefined) throw new UsageError(`config set ${key} needs a value`, `For example: mrso config set ${key} ${spec!.example}`);

  const history = openHistory(globals);
  try {
    const reviews = reviewStoreFor(history);
    if (action === 'set') {
      const checked = spec!.check(value!, dayKey(new Date(systemClock()), studySettings(reviews).days));
      if ('error' in checked) throw new UsageError(`config set ${key} ${value}: ${checked.error}`, `For example: mrso config set ${key} ${spec!.example}`);
      reviews.setSetting(key!, checked.value);
      printLine(`${key} = ${checked.value}`);
    } else if (action === 'unset') {
      reviews.setSetting(key!, null);
      printLine(`${key} reset to ${spec!.defaultValue ?? '(not set)'}`);
    } else {
      const values = effectiveSettings(reviews.allSettings());
      for (const s of action === 'get' ? [spec!] : SETTINGS) {
        printLine(wrap(`${s.key} = ${sanitizeLine(values[s.key] ?? '(not set)')}${action === 'list' ? `    # ${s.description}` : ''}`, layoutWidth(process.env, process.stdout.columns), { rest: '    # ' }));
      }
    }
  } finally {
    history.close();
  }
}
