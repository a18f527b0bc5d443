/**
 * JMH microbenchmarks of decoding and simulation throughput, and the cells they replay
 * ({@code Cells}); run on the class path from the shaded jar (benchmarks/README.md).
 */
package org.ptreplay.benchmarks;
