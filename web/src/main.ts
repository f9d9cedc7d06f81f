import './theme.css';
import { sendEarlyRequests } from './lib/earlyRequests';

// `?theme=contrast` switches to the projector's light-on-dark theme (web/src/theme.css).
const theme = new URLSearchParams(window.location.search).get('theme');
if (theme === 'contrast') document.documentElement.dataset.theme = theme;

// Ask for the config and the map's sites first; the app (MapLibre and all) loads meanwhile.
sendEarlyRequests();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
void Promise.all([import('svelte'), import('./App.svelte')]).then(([{ mount }, { default: App }]) => mount(App, { target }));
