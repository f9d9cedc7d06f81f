/** One line of the network's change log: who did what to which thing, and who may read it. */
export interface ChangeLogEntry {
  id: string;
  /** ISO instant. */
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  /** What kind of thing: site, group, link, challenge, audit, layer, person… */
  entity: string;
  entityId: string;
  summary: string;
  /** The tier of the thing when the entry was written (its current tier may be stricter). */
  visibility: string;
}
