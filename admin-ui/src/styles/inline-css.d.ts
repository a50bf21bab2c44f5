// Vite's `?inline` import of a stylesheet: its text, for a component's shadow root.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
