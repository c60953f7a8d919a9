/** Types for the two hapi plugins that ship none. */
declare module '@hapi/crumb' {
  const plugin: import('@hapi/hapi').Plugin<Record<string, unknown>>;
  export default plugin;
}

declare module '@hapi/cookie' {
  const plugin: import('@hapi/hapi').Plugin<Record<string, unknown>>;
  export default plugin;
}
