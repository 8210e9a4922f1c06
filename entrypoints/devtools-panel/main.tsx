// The panel page, in DevTools or in its own tab (pop-out). Wiring only.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Panel } from '../../components/Panel';
import { createPanelSession } from '../../lib/panel/session';
import { localSettings } from '../../lib/panel/settings';
import { createThemeModel } from '../../lib/panel/theme';
import { createPortTransport, type PanelPort } from '../../lib/panel/transport';

const transport = createPortTransport((name) => browser.runtime.connect({ name }) as unknown as PanelPort);
const session = createPanelSession({ transport, settings: localSettings });
// The popup opens `devtools-panel.html?workspace=<id>` for one workspace.
const requested = new URLSearchParams(location.search).get('workspace');
if (requested) session.select(requested);
// `devtools` exists only inside DevTools; a pop-out tab follows the system theme.
const theme = createThemeModel(
  browser.devtools?.panels?.themeName,
  matchMedia('(prefers-color-scheme: dark)'),
);
// Inside DevTools, offer the same panel in its own tab, on the same workspace.
const popOut = browser.devtools
  ? () => {
      const id = session.workspaces.selectedId.value;
      const query = id ? `?workspace=${encodeURIComponent(id)}` : '';
      void browser.tabs.create({ url: `${browser.runtime.getURL('/devtools-panel.html')}${query}` });
    }
  : undefined;
render(<Panel session={session} theme={theme} popOut={popOut} />, document.getElementById('app')!);
