/**
 * The built-in workload generators of {@code generate}.
 */
package org.ptreplay.tools.workload;
