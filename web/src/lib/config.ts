import type { BasemapConfig } from '../map/styles/basemapStyle';
import { CONFIG_URL, takeEarlyResponse } from './earlyRequests';

export interface AppConfig {
  basemap: BasemapConfig;
  demoLabel: string | null;
  fonts: string;
}

const PLAIN: AppConfig = { basemap: { kind: 'plain' }, demoLabel: null, fonts: '/fonts' };

/** What the server says about the basemap and the demo; a plain map if it cannot say. */
export async function loadConfig(): Promise<AppConfig> {
  try {
    const response = await (takeEarlyResponse('config', CONFIG_URL) ?? fetch(CONFIG_URL));
    if (!response.ok) return PLAIN;
    return (await response.json()) as AppConfig;
  } catch {
    return PLAIN;
  }
}
