/**
 * One head, large: its T x T attention with the tokens on both axes, a colour bar, and the exact
 * value under the pointer. {@link org.sinkscope.app.ui.head.HeadViewModel} knows which head is
 * open and words the hover text; {@link org.sinkscope.app.ui.head.HeadCanvas} draws it.
 */
package org.sinkscope.app.ui.head;
