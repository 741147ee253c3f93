/**
 * The guided tour over the bundled models ({@link org.sinkscope.app.ui.tour.TourViewModel}: steps
 * read from sinkscope/tour/tour.json, each applied through the window's view models) and the
 * presentation mode (F5: larger fonts, high contrast).
 */
package org.sinkscope.app.ui.tour;
