/**
 * The HTML report: tables, bar charts and flame graphs read from replay JSON.
 */
package org.ptreplay.tools.report;
