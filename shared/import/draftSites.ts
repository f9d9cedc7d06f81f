/**
 * Records → sites to write: each row's type mapped to a function type (or left out, with
 * the reason), and the whole row checked against the same schema a site created by hand
 * must pass.
 */
import { siteInputSchema } from '../schemas/site';
import { checkTypeOptions, functionTypeFromFileName, typeMapper, type FunctionTypeName } from './mapFunctionType';
import type { ImportOptions } from './importOptions';
import type { SourceRecords } from './sourceRecord';
import { KindTally } from './summariseKinds';
import type { ImportIssue, ParsedSites, SiteDraft, SkippedRow } from './validationReport';

export interface DraftContext {
  fileName: string;
  /** The function types the database knows. */
  types: readonly FunctionTypeName[];
}

export function draftSites(source: SourceRecords, options: ImportOptions, context: DraftContext): ParsedSites {
  const errors: ImportIssue[] = [...source.errors];
  const notes = [...source.notes];
  const skipped: SkippedRow[] = [];
  const drafts: SiteDraft[] = [];
  let defaultType = options.defaultType;
  if (!source.columns?.type && !defaultType) {
    const fromName = functionTypeFromFileName(context.fileName, context.types);
    if (fromName) {
      defaultType = fromName;
      notes.push(`the file has no type column; every row is taken as ${fromName}, as its name “${context.fileName}” says (choose another with a default type)`);
    }
  }
  checkTypeOptions({ types: context.types, typeMap: options.typeMap, defaultType, skipUnmapped: options.skipUnmapped });
  const mapType = typeMapper({ types: context.types, typeMap: options.typeMap, defaultType, skipUnmapped: options.skipUnmapped });
  const known = new Map(context.types.map((type) => [type.id, type.label]));
  const fields = source.fieldNames;
  let namedFromAddress = 0;
  const kinds = new KindTally();

  for (const record of source.records) {
    const resolution = resolveKind(record, mapType);
    if (resolution.outcome === 'skip') {
      skipped.push({ row: record.row, name: record.name, kind: record.kind, reason: resolution.reason });
      kinds.add(record.kind, { outcome: 'leftOut' });
      continue;
    }
    if (resolution.outcome === 'error') {
      errors.push({ row: record.row, field: fields.type, message: resolution.message });
      kinds.add(record.kind, { outcome: 'problem' });
      continue;
    }
    const label = known.get(resolution.functionType);
    if (label === undefined) {
      errors.push({ row: record.row, field: fields.type, message: `unknown function type “${resolution.functionType}”` });
      kinds.add(record.kind, { outcome: 'problem' });
      continue;
    }
    let name = record.name;
    if (!name && record.address) {
      name = `${label} at ${record.address}`;
      namedFromAddress += 1;
    }
    const input = siteInputSchema.safeParse({
      name: name ?? '',
      functionType: resolution.functionType,
      geometry: record.geometry,
      address: record.address,
      openingHours: record.extra?.openingHours ?? null,
      description: record.extra?.description ?? '',
      visibility: options.visibility,
      precision: options.precision,
      groupId: options.groupId ?? null,
    });
    if (!input.success) {
      for (const issue of input.error.issues.slice(0, 3)) {
        const key = String(issue.path[0] ?? '');
        const field = key === 'name' ? fields.name : key === 'address' ? fields.address : key === 'functionType' ? fields.type : issue.path.join('.') || 'row';
        errors.push({ row: record.row, field, message: issue.message });
      }
      kinds.add(record.kind, { outcome: 'problem' });
      continue;
    }
    drafts.push({ row: record.row, sourceRef: record.sourceRef, kind: record.kind, input: input.data, extra: record.extra });
    kinds.add(record.kind, { outcome: 'ready', functionType: resolution.functionType });
  }
  if (namedFromAddress) notes.push(`${namedFromAddress} row${namedFromAddress === 1 ? ' has' : 's have'} no name; named from the function type and address`);
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { format: source.format, total: source.total, drafts, skipped, errors, columns: source.columns, notes, availableColumns: source.availableColumns, kinds: kinds.summaries(context.types) };
}

type Mapper = ReturnType<typeof typeMapper>;

function resolveKind(record: SourceRecords['records'][number], mapType: Mapper) {
  const first = mapType(record.kind, record.name);
  if (first.outcome === 'type' || !record.kindCandidates?.length) return first;
  for (const candidate of record.kindCandidates) {
    const other = mapType(candidate, record.name);
    if (other.outcome === 'type') return other;
  }
  return first;
}
