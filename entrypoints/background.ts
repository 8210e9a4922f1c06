// The background: one Hub for the whole extension. Wiring only; the logic is in lib/hub.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { Hub } from '../lib/hub/hub';
import type { HubPort, KeyValueStore } from '../lib/hub/platform';

const area = (storage: {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}): KeyValueStore => ({
  get: async (key) => (await storage.get(key))[key],
  set: (key, value) => storage.set({ [key]: value }),
});

export default defineBackground(() => {
  // Firefox builds as MV2 with a persistent background page: it has `browserAction` instead of `action`.
  const action = browser.action ?? browser.browserAction;
  const sessionMemory = new Map<string, unknown>();
  const hub = new Hub({
    local: area(browser.storage.local),
    // storage.session is missing in older Firefox; a persistent page's memory serves the same purpose there.
    session: browser.storage.session
      ? area(browser.storage.session)
      : {
          get: async (key) => sessionMemory.get(key),
          set: async (key, value) => void sessionMemory.set(key, value),
        },
    extensionId: browser.runtime.id,
    setBadge: ({ text, color }) => {
      void action.setBadgeText({ text });
      void action.setBadgeBackgroundColor({ color });
    },
    report: (message) => console.warn(`[edgevault] ${message}`),
  });
  browser.runtime.onConnect.addListener((port) => hub.connect(port as unknown as HubPort));

  // If Chrome ends the worker anyway (say, while every workspace waits to retry), an alarm starts it again
  // within 30 s, and the new Hub restores the watch list and reconnects.
  // https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle
  void browser.alarms.create('edgevault-keepalive', { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener(() => {});
});
