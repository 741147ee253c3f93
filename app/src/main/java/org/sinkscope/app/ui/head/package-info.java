/**
 * One head, large: its T x T attention with the tokens on both axes, a colour bar, the exact
 * value under the pointer and a details panel (sink score, entropy, source, top keys by received
 * attention). {@link org.sinkscope.app.ui.head.HeadViewModel} knows which head is open, the
 * display style (colour map, log scale, token 0 hidden), the selected row or column and the
 * {@link org.sinkscope.app.ui.head.Viewport} (zoom and pan, pure and unit-tested);
 * {@link org.sinkscope.app.ui.head.HeadCanvas} draws only the visible cells.
 */
package org.sinkscope.app.ui.head;
