package dev.persona.common.grpc;

import com.google.protobuf.Timestamp;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native images only. Protobuf's field accessors (used by {@code JsonFormat}, {@code getAllFields} and a message's
 * {@code toString}) reach generated classes by reflection; Quarkus registers every persona.v1 message and builder it
 * finds in the index, but not the well-known types in protobuf-java, which is not indexed. google.protobuf.Timestamp
 * is the only one our messages embed.
 */
@RegisterForReflection(targets = {Timestamp.class, Timestamp.Builder.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
