/** The file chosen in a file input's change event, with the input; no file when the choice was cancelled. */
export function pickedFile(event: Event): { input: HTMLInputElement; file: File | null } {
  const input = event.currentTarget as HTMLInputElement;
  return { input, file: input.files?.[0] ?? null };
}
