// Registers the EdgeVault panel in DevTools. The panel page itself is devtools-panel.html.
import { browser } from 'wxt/browser';

void browser.devtools.panels.create('EdgeVault', '/icon/32.png', '/devtools-panel.html');
