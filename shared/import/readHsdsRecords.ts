/**
 * Open Referral HSDS 3.x → records. Every shape the specification publishes is read into
 * the same tables first — a nested service, organization or service-at-location (alone, in
 * an array, or in a paged list's `contents`), the "tabular" JSON of CSV tables, or the CSV
 * tables themselves — and each location that has a service becomes one row: named for the
 * location, typed from the service's taxonomy terms, its opening hours from the schedules,
 * its organization as the group. Problems name the record ("service_at_locations[0].location")
 * and the field.
 */
import { cellText, type SourceRecord, type SourceRecords } from './sourceRecord';
import { parseJsonText } from './parseJsonText';
import type { ColumnChoice, ImportIssue } from './validationReport';

type Json = Record<string, unknown>;

interface Row {
  /** Where the record came from, named in messages. */
  where: string;
  data: Json;
}

/** HSDS tables by their CSV file stem (organizations, services, locations, service_at_location…). */
export type HsdsTables = Record<string, Json[]>;

interface Tables {
  organizations: Map<string, Row>;
  services: Map<string, Row>;
  locations: Map<string, Row>;
  serviceAtLocation: Row[];
  schedules: Row[];
  /** taxonomy term id → term */
  terms: Map<string, Json>;
  /** service id → its terms */
  serviceTerms: Map<string, Json[]>;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(data: Json, fallback: string): string {
  return cellText(data.id) ?? fallback;
}

function emptyTables(): Tables {
  return { organizations: new Map(), services: new Map(), locations: new Map(), serviceAtLocation: [], schedules: [], terms: new Map(), serviceTerms: new Map() };
}

/** Read HSDS JSON text (any of the specification's shapes). */
export function readHsdsRecords(text: string): SourceRecords {
  const parsed = parseJsonText(text, 'JSON');
  if ('issue' in parsed) return recordsFrom(emptyTables(), [parsed.issue]);
  const root = parsed.value;
  const tables = emptyTables();
  if (isObject(root) && Object.keys(root).some((key) => key.endsWith('.csv'))) {
    const named: HsdsTables = {};
    for (const [key, value] of Object.entries(root)) if (Array.isArray(value)) named[key.replace(/\.csv$/, '')] = value.filter(isObject);
    return readHsdsTables(named);
  }
  const items = Array.isArray(root) ? root : isObject(root) && Array.isArray(root.contents) ? root.contents : [root];
  const prefix = Array.isArray(root) ? (i: number) => `[${i}]` : isObject(root) && Array.isArray(root.contents) ? (i: number) => `contents[${i}]` : () => '';
  const errors: ImportIssue[] = [];
  items.forEach((item, index) => {
    const where = prefix(index);
    if (!isObject(item)) {
      errors.push({ row: null, field: where || 'file', message: 'is not an HSDS record (an object)' });
      return;
    }
    if (isObject(item.service) && isObject(item.location)) addServiceAtLocation(tables, item, where);
    else if (Array.isArray(item.services) || Array.isArray(item.locations) || ('legal_status' in item || 'tax_status' in item)) addOrganization(tables, item, where);
    else if ('latitude' in item || 'longitude' in item || 'location_type' in item) addLocation(tables, item, where, null);
    else if (Array.isArray(item.service_at_locations) || isObject(item.organization) || 'organization_id' in item) addService(tables, item, where, null);
    else errors.push({ row: null, field: where || 'file', message: 'is not an HSDS service, organization, location or service at location' });
  });
  return recordsFrom(tables, errors);
}

/** Read HSDS CSV tables (already parsed, keyed by file stem). */
export function readHsdsTables(named: HsdsTables): SourceRecords {
  const tables = emptyTables();
  const rows = (name: string) => (named[name] ?? []).map((data, i) => ({ where: `${name}.csv row ${i + 1}`, data }));
  for (const row of rows('organizations')) tables.organizations.set(idOf(row.data, row.where), row);
  for (const row of rows('services')) tables.services.set(idOf(row.data, row.where), row);
  for (const row of rows('locations')) tables.locations.set(idOf(row.data, row.where), row);
  tables.serviceAtLocation.push(...rows('service_at_location'));
  tables.schedules.push(...rows('schedules'));
  for (const row of rows('taxonomy_terms')) tables.terms.set(idOf(row.data, row.where), row.data);
  for (const { data } of rows('attributes')) {
    const term = tables.terms.get(cellText(data.taxonomy_term_id) ?? '');
    const link = cellText(data.link_id);
    if (term && link) tables.serviceTerms.set(link, [...(tables.serviceTerms.get(link) ?? []), term]);
  }
  // 3.0 tables sometimes link terms to services through service_attributes too.
  for (const { data } of rows('service_attributes')) {
    const term = tables.terms.get(cellText(data.taxonomy_term_id) ?? '');
    const service = cellText(data.service_id);
    if (term && service) tables.serviceTerms.set(service, [...(tables.serviceTerms.get(service) ?? []), term]);
  }
  return recordsFrom(tables, []);
}

function addOrganization(tables: Tables, org: Json, where: string): string {
  const id = idOf(org, where || 'organization');
  if (!tables.organizations.has(id)) tables.organizations.set(id, { where: where || 'organization', data: org });
  const at = (field: string, i: number) => `${where ? `${where}.` : ''}${field}[${i}]`;
  if (Array.isArray(org.locations)) org.locations.forEach((location, i) => { if (isObject(location)) addLocation(tables, location, at('locations', i), id); });
  if (Array.isArray(org.services)) org.services.forEach((service, i) => { if (isObject(service)) addService(tables, service, at('services', i), id); });
  return id;
}

function addService(tables: Tables, service: Json, where: string, organizationId: string | null): string {
  const id = idOf(service, where || 'service');
  const prefix = where ? `${where}.` : '';
  let orgId = cellText(service.organization_id) ?? organizationId;
  if (isObject(service.organization)) orgId = addOrganization(tables, { ...service.organization, services: undefined, locations: undefined }, `${prefix}organization`);
  if (!tables.services.has(id)) tables.services.set(id, { where: where || 'service', data: { ...service, organization_id: orgId } });
  if (Array.isArray(service.attributes)) {
    for (const attribute of service.attributes) {
      if (isObject(attribute) && isObject(attribute.taxonomy_term)) tables.serviceTerms.set(id, [...(tables.serviceTerms.get(id) ?? []), attribute.taxonomy_term]);
    }
  }
  if (Array.isArray(service.schedules)) for (const schedule of service.schedules) if (isObject(schedule)) tables.schedules.push({ where, data: { ...schedule, service_id: id } });
  if (Array.isArray(service.service_at_locations)) {
    service.service_at_locations.forEach((link, i) => {
      if (!isObject(link)) return;
      const linkWhere = `${prefix}service_at_locations[${i}]`;
      const locationId = isObject(link.location) ? addLocation(tables, link.location, `${linkWhere}.location`, orgId) : cellText(link.location_id);
      tables.serviceAtLocation.push({ where: linkWhere, data: { ...link, service_id: id, location_id: locationId } });
      if (Array.isArray(link.schedules)) for (const schedule of link.schedules) if (isObject(schedule)) tables.schedules.push({ where: linkWhere, data: { ...schedule, service_id: id, location_id: locationId } });
    });
  }
  return id;
}

function addServiceAtLocation(tables: Tables, link: Json, where: string): void {
  const prefix = where ? `${where}.` : '';
  const serviceId = addService(tables, { ...(link.service as Json), service_at_locations: undefined }, `${prefix}service`, null);
  const organizationId = cellText(tables.services.get(serviceId)?.data.organization_id);
  const locationId = addLocation(tables, link.location as Json, `${prefix}location`, organizationId);
  tables.serviceAtLocation.push({ where: where || 'service_at_location', data: { ...link, service_id: serviceId, location_id: locationId } });
  if (Array.isArray(link.schedules)) for (const schedule of link.schedules) if (isObject(schedule)) tables.schedules.push({ where, data: { ...schedule, service_id: serviceId, location_id: locationId } });
}

function addLocation(tables: Tables, location: Json, where: string, organizationId: string | null): string {
  const id = idOf(location, where || 'location');
  if (!tables.locations.has(id)) tables.locations.set(id, { where: where || 'location', data: { organization_id: organizationId, ...location } });
  return id;
}

const DAYS: Record<string, string> = { MO: 'Mo', TU: 'Tu', WE: 'We', TH: 'Th', FR: 'Fr', SA: 'Sa', SU: 'Su' };

/** HSDS weekly schedules → an opening-hours line such as "Th,Fr 10:00-18:00". */
export function openingHoursOf(schedules: readonly Json[]): string | null {
  const parts: string[] = [];
  for (const schedule of schedules) {
    const opens = cellText(schedule.opens_at)?.slice(0, 5);
    const closes = cellText(schedule.closes_at)?.slice(0, 5);
    const days = (cellText(schedule.byday) ?? '').split(',').map((day) => DAYS[day.trim().toUpperCase().slice(-2)]).filter(Boolean);
    if (opens && closes) parts.push(`${days.length ? `${days.join(',')} ` : ''}${opens}-${closes}`);
    else if (cellText(schedule.description)) parts.push(cellText(schedule.description) as string);
  }
  const text = [...new Set(parts)].join('; ');
  return text ? text.slice(0, 500) : null;
}

function recordsFrom(tables: Tables, errors: ImportIssue[]): SourceRecords {
  const columns: ColumnChoice = { name: 'location.name', latitude: 'location.latitude', longitude: 'location.longitude', type: 'service taxonomy term', address: 'location.addresses', id: 'location.id' };
  const records: SourceRecord[] = [];
  const servicesAt = new Map<string, { service: Row; link: Row }[]>();
  for (const link of tables.serviceAtLocation) {
    const service = tables.services.get(cellText(link.data.service_id) ?? '');
    const locationId = cellText(link.data.location_id);
    if (!service || !locationId) continue;
    servicesAt.set(locationId, [...(servicesAt.get(locationId) ?? []), { service, link }]);
  }
  const notes: string[] = [];
  let withoutService = 0;
  let row = 0;
  for (const [locationId, location] of tables.locations) {
    const at = servicesAt.get(locationId);
    if (!at) { withoutService += 1; continue; }
    for (const { service } of at) {
      row += 1;
      const data = location.data;
      const lat = coordinate(data.latitude, 'latitude', -90, 90);
      const lon = coordinate(data.longitude, 'longitude', -180, 180);
      const locationName = cellText(data.name);
      const label = `${location.where.includes('.csv') ? 'location' : 'location'} “${locationName ?? locationId}”`;
      if (typeof lat === 'string') errors.push({ row, field: `${location.where}.latitude`, message: `${lat} (${label}, id ${locationId})` });
      if (typeof lon === 'string') errors.push({ row, field: `${location.where}.longitude`, message: `${lon} (${label}, id ${locationId})` });
      if (typeof lat === 'string' || typeof lon === 'string') continue;
      const serviceId = idOf(service.data, service.where);
      const terms = tables.serviceTerms.get(serviceId) ?? [];
      const kinds = terms.flatMap((term) => [cellText(term.name), cellText(term.code)]).filter((kind): kind is string => kind !== null);
      const schedules = tables.schedules.filter((schedule) => {
        const s = cellText(schedule.data.service_id);
        const l = cellText(schedule.data.location_id);
        return (s === serviceId || s === null) && (l === locationId || l === null) && (s !== null || l !== null);
      }).map((schedule) => schedule.data);
      const organization = tables.organizations.get(cellText(service.data.organization_id) ?? cellText(data.organization_id) ?? '');
      const address = addressOf(data);
      records.push({
        row,
        name: locationName ?? cellText(service.data.name),
        kind: kinds[0] ?? null,
        kindCandidates: kinds,
        address,
        sourceRef: `${locationId}/${serviceId}`,
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: { service: service.data.name, location: data.name, organization: organization?.data.name ?? null, taxonomy: kinds },
        extra: {
          openingHours: openingHoursOf(schedules),
          description: (cellText(service.data.description) ?? cellText(data.description) ?? '').slice(0, 5000),
          groupName: cellText(organization?.data.name),
          website: cellText(organization?.data.website) ?? cellText(organization?.data.url),
        },
      });
    }
  }
  if (withoutService) notes.push(`${withoutService} location${withoutService === 1 ? ' has' : 's have'} no service at it and ${withoutService === 1 ? 'is' : 'are'} not a site`);
  return {
    format: 'hsds', total: row, records, errors: errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)), columns,
    fieldNames: { name: 'location.name', type: 'service taxonomy term', address: 'location.addresses' }, notes, availableColumns: [],
  };
}

function coordinate(value: unknown, which: string, min: number, max: number): number | string {
  const text = cellText(value);
  if (text === null) return `the ${which} is missing`;
  const number = typeof value === 'number' ? value : Number(text);
  if (!Number.isFinite(number)) return `the ${which} “${text}” is not a number`;
  if (number < min || number > max) return `${which} ${number} is outside ${min}..${max}`;
  return number;
}

function addressOf(location: Json): string | null {
  const addresses = Array.isArray(location.addresses) ? location.addresses.filter(isObject) : [];
  const physical = addresses.find((a) => a.address_type === 'physical') ?? addresses[0];
  if (!physical) return null;
  const text = [physical.address_1, physical.address_2, physical.city, physical.state_province, physical.postal_code].map(cellText).filter(Boolean).join(', ');
  return text ? text.slice(0, 300) : null;
}
