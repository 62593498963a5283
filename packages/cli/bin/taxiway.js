#!/usr/bin/env node
// The installed entry point. It exists before the build (npm links it at install time) and loads
// the compiled CLI, which `npm ci` builds through the root `prepare` script.
import '../dist/bin.js';
