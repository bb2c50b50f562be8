// @ts-check
// Preact with htm's tagged templates: real components, no build step.
import htm from 'htm';
import { h } from 'preact';

export const html = htm.bind(h);
