import { repositories, type Store } from '../repositories';

/**
 * A value as it stands in the database — the privacy generation, say — read at most once
 * per database round trip however many requests ask at the same time.
 *
 * Every cached presentation is keyed on the generation, and the generation lives in the
 * database so a tier change made by any process invalidates every process's copies at
 * once. Asking the database on each request keeps that promise but costs one round trip
 * per request; here concurrent askers share a read — but only a read that *began after they
 * asked*. A read already under way may have started before a change committed, so a later
 * asker waits for the next one, which starts as soon as the current one ends. A request
 * therefore never sees a generation older than the last commit before it arrived, and under
 * any load the database answers about one generation read per round trip.
 */
export class FreshReads<T> {
  private running: Promise<T> | null = null;
  private queued: Promise<T> | null = null;

  /** `read` asks the database (see `generationReadsOf`); tests may pace it by hand. */
  constructor(private readonly read: () => Promise<T>) {}

  current(): Promise<T> {
    if (!this.running) return this.start();
    this.queued ??= this.running.then(() => undefined, () => undefined).then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<T> {
    const read = this.read();
    this.running = read;
    const done = () => { if (this.running === read) this.running = null; };
    read.then(done, done);
    return read;
  }
}

/** The privacy generation, read as FreshReads does. */
export class PrivacyGenerationReads extends FreshReads<number> {}

/** The shared reads of one database's privacy generation; one per process (createServices). */
export function generationReadsOf(db: Store): PrivacyGenerationReads {
  return new PrivacyGenerationReads(() => repositories(db).privacyGeneration.current());
}
