/**
 * The kernel's PTE-batching history as named strategies, one class per kernel version of a path.
 */
package org.ptreplay.strategies;
