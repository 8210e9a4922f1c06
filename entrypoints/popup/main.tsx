// The toolbar popup. Wiring only.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/Popup';
import { createPopupModel } from '../../lib/panel/popup-model';
import { resolveTheme } from '../../lib/panel/theme';
import { createPortTransport, type PanelPort } from '../../lib/panel/transport';

const model = createPopupModel(
  createPortTransport((name) => browser.runtime.connect({ name }) as unknown as PanelPort),
);
const openPanel = (workspaceId?: string) => {
  const query = workspaceId ? `?workspace=${encodeURIComponent(workspaceId)}` : '';
  void browser.tabs.create({
    url: `${browser.runtime.getURL('/devtools-panel.html')}${query}`,
  });
};
const theme = resolveTheme(undefined, matchMedia('(prefers-color-scheme: dark)').matches);
render(<Popup model={model} theme={theme} openPanel={openPanel} />, document.getElementById('app')!);
