// The few `chrome.*` calls the e2e suite makes inside extension pages.
declare const chrome: {
  action: {
    getBadgeText(details: object): Promise<string>;
    getBadgeBackgroundColor(details: object): Promise<[number, number, number, number]>;
  };
};
