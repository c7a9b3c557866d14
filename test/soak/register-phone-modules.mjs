import { register } from 'node:module';

register('./phone-modules-hooks.mjs', import.meta.url);
