/**
 * The token strip: the prompt's tokens as chips above the grid, each coloured by the attention
 * it receives (mean of SinkMetrics' received attention over every layer and head) with its id
 * and position on hover. {@link org.sinkscope.app.ui.tokens.TokenStripViewModel} words the chips;
 * {@link org.sinkscope.app.ui.tokens.TokenStrip} lays them out.
 */
package org.sinkscope.app.ui.tokens;
