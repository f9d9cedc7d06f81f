/**
 * The `kudzu` command line: `npm run kudzu -- <command> [options]`.
 * Every command takes `--db <sqlite path | postgres URL>` (default: DATABASE_URL, or the
 * embedded file .kudzu/kudzu.sqlite). Exit status 0 on success; on failure one line
 * `kudzu: <reason>` on stderr and status 1.
 */
import type { CommandIo } from './cli/io';

type Command = (argv: string[], io: CommandIo) => Promise<void>;

/**
 * Each command and its usage line. It runs the export `<name>Command` of `cli/<name>Command.ts`
 * unless it names another `module` or `run`. The module is loaded when the command is run:
 * starting `archive` need not load the web server, the PDF library and every importer first
 * (under tsx each module is also transformed on load).
 */
const commands: Record<string, { module?: string; run?: string; usage: string }> = {
  serve: { usage: 'serve [--port 8787] [--host 127.0.0.1] [--basemap <file.pmtiles | style URL>] [--demo | --no-demo] [--trusted-proxy <addresses>]' },
  migrate: { usage: 'migrate' },
  demo: { usage: 'demo   (fill an empty database with the fictional demo neighbourhood)' },
  invite: { usage: 'invite --role member|auditor|steward [--base-url http://host:port]' },
  import: { usage: 'import <file | HSDS CSV folder> [--dry-run] [--format geojson|csv|json|kml|hsds|murmurations|osm] [--tags leisure=garden,amenity=…] [--name-column c] [--lat-column c] [--lon-column c] [--type-column c] [--type-map "a=b;c=d"] [--default-type id] [--skip-unmapped] [--skip-duplicates] [--visibility public|members|stewards] [--precision exact|block|area|none] [--group id] [--layer name]' },
  access: { usage: 'access --population <polygons.geojson> --sources <file.geojson|file.csv> [--source-filter prop=value] [--mode usda|line|walk] [--network <file.osm.pbf|file.pmtiles>] [--threshold 0.5mi|800m] [--cell 100m] [--areas <polygons.geojson>] [--id-property p] [--population-property p] [--low-income-property p] [--urban-property p] --out <file.csv|file.geojson>' },
  audit: { usage: 'audit list --out <file> [--as public|member] [--area id]  |  audit start --area id --label "2027 Q1" --from 2027-01-01 --to 2027-03-31 --next 2027-06-30  |  audit report <id | --latest> [--area id] --as public|member --format json|md --out <file>' },
  zine: { usage: 'zine --audit <id> | --latest --format pdf|svg --layout pages|booklet|mini --paper a4|letter [--no-red] [--as public|member] [--basemap file.pmtiles] [--base-url URL] --out <file>' },
  federation: { usage: 'federation recommend [--group id] [--top 10] --as public|member|steward --format json|md --out <file>' },
  capsule: { usage: 'capsule --audit <id> | --latest [--area id] [--basemap file.pmtiles] --out <file.html>   (a published audit as one offline HTML file)' },
  export: { usage: 'export --format geojson|csv|kml|hsds|murmurations --as public|member|steward --out <file>' },
  archive: { usage: 'archive --out <network.kudzu> [--with-accounts]   (every table, one file, with a manifest and checksums)' },
  restore: { module: 'archiveCommand', usage: 'restore <network.kudzu> --db <empty database>' },
};

async function load(name: string): Promise<Command> {
  const { module = `${name}Command`, run = `${name}Command` } = commands[name];
  const loaded = (await import(`./cli/${module}.ts`)) as Record<string, Command>;
  return loaded[run];
}

function usage(): string {
  return ['usage: npm run kudzu -- <command> [--db <sqlite path | postgres URL>] [options]', '', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(usage());
    return;
  }
  const command = commands[name];
  if (!command) throw new Error(`unknown command “${name}” (commands: ${Object.keys(commands).join(', ')})`);
  await (await load(name))(rest, { log: (line) => console.log(line) });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`kudzu: ${message.split('\n')[0]}`);
  process.exit(1);
});
