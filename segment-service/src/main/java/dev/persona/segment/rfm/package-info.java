/**
 * RFM segmentation in plain Java: quintile recency, frequency and monetary scores ({@link RfmScores}) and the named
 * segments of the recency–frequency grid ({@link RfmSegment}). Imports only {@code java.*}.
 */
package dev.persona.segment.rfm;
