/**
 * The replay engine: a plan of cells (architecture &times; strategy argument &times; machine profile),
 * the trace decoded once on a producer thread and fanned out in immutable batches to every cell,
 * the cells run on a pool of workers, each strictly in trace order, so that the results do not
 * depend on the number of threads.
 */
package org.ptreplay.core.replay;
