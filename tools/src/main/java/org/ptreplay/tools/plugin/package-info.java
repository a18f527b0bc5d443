/**
 * Finding providers: built-ins and plugin jars, one module layer per jar; a broken plugin is
 * reported and the rest load.
 */
package org.ptreplay.tools.plugin;
