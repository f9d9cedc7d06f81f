import { sendEarlyRequests } from './lib/earlyRequests';

// Ask for the config and the map's sites first; the app (MapLibre and all) loads meanwhile.
sendEarlyRequests();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
void Promise.all([import('svelte'), import('./App.svelte')]).then(([{ mount }, { default: App }]) => mount(App, { target }));
