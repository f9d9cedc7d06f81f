// Audit night's moderation console: a page of its own, for a laptop beside the projector.
import '../../theme.css';
import { mount } from 'svelte';
import NightConsole from './NightConsole.svelte';

const target = document.getElementById('console');
if (!target) throw new Error('console.html has no #console element');
mount(NightConsole, { target });
