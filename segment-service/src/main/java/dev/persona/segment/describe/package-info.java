/**
 * Words for segments in plain Java: a short label and a sentence a marketer reads, from how far each segment's
 * centroid stands from the population's mean ({@link SegmentDescriber}). Imports only {@code java.*}.
 */
package dev.persona.segment.describe;
