/**
 * A user's history as the strategies read it: the kinds of event ({@link dev.persona.recommend.history.EventKind}),
 * one event ({@link dev.persona.recommend.history.UserEvent}) and how much each kind says about an interest
 * ({@link dev.persona.recommend.history.EventWeights}). Plain Java: it imports the JDK only, and every other
 * package of the module may import it (the store turns the log's protobuf events into these records).
 */
package dev.persona.recommend.history;
