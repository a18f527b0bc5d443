/**
 * An example third-party {@code move_ptes} strategy, built against the SPI only and loaded from a
 * plugin directory.
 */
package org.example.ptreplay.plugin;
