/**
 * Value types of configurations and results (THP settings, placement, {@code SimResult}, ledger
 * snapshots, divergences): an exported leaf, used by the engine and the tools.
 */
package org.ptreplay.core.value;
