/** A query's first row as a domain object; undefined when there is none. */
export async function firstAs<Row, T>(query: { executeTakeFirst(): Promise<Row | undefined> }, map: (row: Row) => T): Promise<T | undefined> {
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : map(row);
}

/** A query's rows as domain objects. */
export async function allAs<Row, T>(query: { execute(): Promise<Row[]> }, map: (row: Row) => T): Promise<T[]> {
  return (await query.execute()).map(map);
}
