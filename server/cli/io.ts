export interface CommandIo {
  log(line: string): void;
}
