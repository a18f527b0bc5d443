/**
 * Kernel presets: each Linux release as one strategy per path, arch options and its
 * {@code KernelConfig}.
 */
package org.ptreplay.strategies.presets;
