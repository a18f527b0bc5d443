/**
 * The replay API of one cell: {@code Kernel} applies trace events to the simulated kernel built
 * from a {@code SimConfig}. Exported to the tools only.
 */
package org.ptreplay.core.sim;
