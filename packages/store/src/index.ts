/** @taxiway/store: STIX objects in memory and on disk. */
export {};
