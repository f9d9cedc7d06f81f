// The phone page of audit night: its own small bundle (no map library, no app shell).
import '../../theme.css';
import { mount } from 'svelte';
import PhonePage from './PhonePage.svelte';

const target = document.getElementById('night');
if (!target) throw new Error('night.html has no #night element');
mount(PhonePage, { target });
