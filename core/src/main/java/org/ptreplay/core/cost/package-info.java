/**
 * Pricing: the {@code CostModel} interface and its machine-profile implementation, with the set-
 * associative cache hierarchy and stream prefetcher that memory-touching primitives go through.
 */
package org.ptreplay.core.cost;
