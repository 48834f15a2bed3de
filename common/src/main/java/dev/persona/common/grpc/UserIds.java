package dev.persona.common.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/** The user a request names, for the access log: its {@code user_id}, or that of a message field (user, event). */
final class UserIds {

    private UserIds() {
    }

    static String named(Object request) {
        if (!(request instanceof Message m)) {
            return "";
        }
        String direct = userId(m);
        if (direct != null) {
            return direct;
        }
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated() && m.hasField(f)) {
                String nested = userId((Message) m.getField(f));
                if (nested != null) {
                    return nested;
                }
            }
        }
        return "";
    }

    private static String userId(Message m) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName("user_id");
        return f != null && f.getJavaType() == FieldDescriptor.JavaType.STRING ? (String) m.getField(f) : null;
    }
}
