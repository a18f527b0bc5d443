/**
 * {@code validate} and {@code demo}: validation cases against published numbers
 * (docs/validation.md).
 */
package org.ptreplay.tools.validate;
