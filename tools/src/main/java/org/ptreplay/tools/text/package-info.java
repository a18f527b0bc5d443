/**
 * Output helpers: canonical JSON, tables and did-you-mean suggestions.
 */
package org.ptreplay.tools.text;
