/** @taxiway/taxii-server. */
export {};
