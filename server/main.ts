/**
 * The `kudzu` command line: `npm run kudzu -- <command> [options]`.
 * Every command takes `--db <sqlite path | postgres URL>` (default: DATABASE_URL, or the
 * embedded file .kudzu/kudzu.sqlite). Exit status 0 on success; on failure one line
 * `kudzu: <reason>` on stderr and status 1.
 */
import type { CommandIo } from './cli/io';

type Command = (argv: string[], io: CommandIo) => Promise<void>;

/**
 * A command loaded when it is run: starting `archive` need not load the web server, the PDF
 * library and every importer first (under tsx each module is also transformed on load).
 */
function lazy<Name extends string>(load: () => Promise<Record<Name, Command>>, name: Name): Command {
  return async (argv, io) => (await load())[name](argv, io);
}

const commands: Record<string, { run: Command; usage: string }> = {
  serve: { run: lazy(() => import('./cli/serveCommand'), 'serveCommand'), usage: 'serve [--port 8787] [--host 127.0.0.1] [--basemap <file.pmtiles | style URL>] [--demo | --no-demo] [--trusted-proxy <addresses>]' },
  migrate: { run: lazy(() => import('./cli/migrateCommand'), 'migrateCommand'), usage: 'migrate' },
  demo: { run: lazy(() => import('./cli/demoCommand'), 'demoCommand'), usage: 'demo   (fill an empty database with the fictional demo neighbourhood)' },
  invite: { run: lazy(() => import('./cli/inviteCommand'), 'inviteCommand'), usage: 'invite --role member|auditor|steward [--base-url http://host:port]' },
  import: { run: lazy(() => import('./cli/importCommand'), 'importCommand'), usage: 'import <file | HSDS CSV folder> [--dry-run] [--format geojson|csv|json|kml|hsds|murmurations|osm] [--tags leisure=garden,amenity=…] [--name-column c] [--lat-column c] [--lon-column c] [--type-column c] [--type-map "a=b;c=d"] [--default-type id] [--skip-unmapped] [--skip-duplicates] [--visibility public|members|stewards] [--precision exact|block|area|none] [--group id] [--layer name]' },
  access: { run: lazy(() => import('./cli/accessCommand'), 'accessCommand'), usage: 'access --population <polygons.geojson> --sources <file.geojson|file.csv> [--source-filter prop=value] [--mode usda|line|walk] [--network <file.osm.pbf|file.pmtiles>] [--threshold 0.5mi|800m] [--cell 100m] [--areas <polygons.geojson>] [--id-property p] [--population-property p] [--low-income-property p] [--urban-property p] --out <file.csv|file.geojson>' },
  audit: { run: lazy(() => import('./cli/auditCommand'), 'auditCommand'), usage: 'audit list --out <file> [--as public|member] [--area id]  |  audit start --area id --label "2027 Q1" --from 2027-01-01 --to 2027-03-31 --next 2027-06-30  |  audit report <id | --latest> [--area id] --as public|member --format json|md --out <file>' },
  zine: { run: lazy(() => import('./cli/zineCommand'), 'zineCommand'), usage: 'zine --audit <id> | --latest --format pdf|svg --layout pages|booklet|mini --paper a4|letter [--no-red] [--as public|member] [--basemap file.pmtiles] [--base-url URL] --out <file>' },
  federation: { run: lazy(() => import('./cli/federationCommand'), 'federationCommand'), usage: 'federation recommend [--group id] [--top 10] --as public|member|steward --format json|md --out <file>' },
  capsule: { run: lazy(() => import('./cli/capsuleCommand'), 'capsuleCommand'), usage: 'capsule --audit <id> | --latest [--area id] [--basemap file.pmtiles] --out <file.html>   (a published audit as one offline HTML file)' },
  export: { run: lazy(() => import('./cli/exportCommand'), 'exportCommand'), usage: 'export --format geojson|csv|kml|hsds|murmurations --as public|member|steward --out <file>' },
  archive: { run: lazy(() => import('./cli/archiveCommand'), 'archiveCommand'), usage: 'archive --out <network.kudzu> [--with-accounts]   (every table, one file, with a manifest and checksums)' },
  restore: { run: lazy(() => import('./cli/archiveCommand'), 'restoreCommand'), usage: 'restore <network.kudzu> --db <empty database>' },
};

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
  await command.run(rest, { log: (line) => console.log(line) });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`kudzu: ${message.split('\n')[0]}`);
  process.exit(1);
});
