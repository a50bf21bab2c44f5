import { css } from 'lit';

/**
 * The console's palette, once, for the document's :root (main.ts puts it in the page's head).
 * Custom properties are inherited into every shadow root, so each component's `static styles`
 * reads `var(--gc-…)` and no component names a colour of its own. Text colours are as dark as
 * they were when axe checked their contrast; a status (danger, warning, ok, info) has its strong
 * colour for lines and buttons, its text on its tinted background, the background and the border.
 * (The price chart's canvas cannot read these: price-chart-data.ts names its own colours.)
 */
export const palette = css`
  :root {
    /* Surfaces and text */
    --gc-surface: #fff;
    --gc-page: #f3f5f8;
    --gc-subtle: #f7f9fc;
    --gc-fill: #e9edf2;
    --gc-fill-strong: #dfe5ec;
    --gc-text: #1f2733;
    --gc-text-soft: #394555;
    --gc-text-quiet: #4a5563;
    --gc-muted: #5f6b7a;
    --gc-disabled: #9aa4b1;
    /* Lines, lightest first */
    --gc-divider: #e4e8ee;
    --gc-border: #d6dce4;
    --gc-line: #b8c2cf;
    --gc-line-strong: #8c99aa;
    /* The one blue accent, and the focus ring: 6.4:1 on white and 5.9:1 on the page's grey (WCAG 2.2 §2.4.13 asks 3:1). */
    --gc-accent: #1f5fa8;
    --gc-accent-dark: #174a84;
    --gc-focus: #1f5fa8;
    /* The dark header, its darker rows and buttons, its red rule, what is written on it and its focus ring (9:1 on its blue). */
    --gc-header: #173f6e;
    --gc-header-shade: #11335a;
    --gc-header-deep: #0a2340;
    --gc-header-rule: #c8102e;
    --gc-on-dark: #fff;
    --gc-on-dark-soft: #dbe6f3;
    --gc-focus-on-dark: #ffd24d;
    /* Danger */
    --gc-danger: #b3261e;
    --gc-danger-text: #a1221b;
    --gc-danger-bg: #fdf3f2;
    --gc-danger-border: #eab4b0;
    --gc-danger-tint: #f6d3d0;
    /* Warning */
    --gc-warning: #c47f00;
    --gc-warning-text: #8a5300;
    --gc-warning-deep: #8a3b00;
    --gc-warning-bg: #fff6e5;
    --gc-warning-bg-soft: #fffaf0;
    --gc-warning-border: #f0cf8f;
    /* OK */
    --gc-ok: #1e7a46;
    --gc-ok-deep: #1d6b2f;
    --gc-ok-bg: #ecf7f0;
    --gc-ok-bg-strong: #e6f1e6;
    --gc-ok-border: #a9d5b8;
    /* Info (its strong colour is the accent) */
    --gc-info-text: #17589c;
    --gc-info-bg: #eef4fb;
    --gc-info-bg-soft: #f4f8fd;
    --gc-info-bg-strong: #dbe8f6;
    --gc-info-tint: #cfe0f5;
    --gc-info-border: #b9d2ef;
  }
`;
