/** A small, strict argument reader: `--name value`, `--flag`, and positionals. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: string[], flags: ReadonlySet<string> = new Set()): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (inline !== undefined) options.set(name, inline);
      else if (flags.has(name)) options.set(name, true);
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
        options.set(name, value);
        i++;
      }
    } else positionals.push(arg);
  }
  return { positionals, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function requiredOption(args: ParsedArgs, name: string): string {
  const value = stringOption(args, name);
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

/** Refuse options a command does not know, so a typo is not silently ignored. */
export function rejectUnknown(args: ParsedArgs, known: readonly string[], command: string): void {
  for (const name of args.options.keys()) {
    if (!known.includes(name)) throw new Error(`${command} does not take --${name} (it takes ${known.map((k) => `--${k}`).join(', ') || 'no options'})`);
  }
}
