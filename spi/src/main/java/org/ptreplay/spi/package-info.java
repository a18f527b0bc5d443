/**
 * The plugin contract: provider interfaces (architectures, strategies per kernel path, kernel
 * presets, machine profiles, workload generators), the typed {@code KernelConfig} and the SPI
 * version.
 */
package org.ptreplay.spi;
