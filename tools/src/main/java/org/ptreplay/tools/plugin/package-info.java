/**
 * Plugin jars: one module layer per jar, whose providers the SPI loader
 * ({@code org.ptreplay.spi.loader.Providers}) checks and looks up beside the built-ins.
 */
package org.ptreplay.tools.plugin;
