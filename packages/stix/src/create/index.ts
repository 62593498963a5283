/** Public surface of this module: re-exported by ../index.ts. */
export {};
