package org.gongyi.common.http;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Which query parameter of a resource method did not convert to its type. JAX-RS answers a query parameter that
 * does not convert as it answers an unknown path, 404; users expect 400 naming it. A path parameter that does not
 * convert keeps its 404: an id that is not one names nothing.
 */
final class UnconvertedQueryParams {

    private record Kind(String says, Consumer<String> parse) {}

    private static final Kind WHOLE = new Kind("a whole number", Long::parseLong);
    private static final Kind INT = new Kind("a whole number", Integer::parseInt);
    private static final Kind NUMBER = new Kind("a number", Double::parseDouble);
    private static final Kind BOOLEAN = new Kind("true or false", v -> {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(v);
        }
    });
    private static final Map<Class<?>, Kind> KINDS = Map.of(
            int.class, INT,
            Integer.class, INT,
            long.class, WHOLE,
            Long.class, WHOLE,
            double.class, NUMBER,
            Double.class, NUMBER,
            boolean.class, BOOLEAN,
            Boolean.class, BOOLEAN,
            UUID.class, new Kind("a UUID", UUID::fromString));

    private UnconvertedQueryParams() {}

    /** What is wrong with the first query parameter of {@code method} that does not convert; null when all do. */
    static String of(Method method, MultivaluedMap<String, String> query) {
        for (Parameter p : method.getParameters()) {
            QueryParam name = p.getAnnotation(QueryParam.class);
            Kind kind = KINDS.get(p.getType());
            if (name == null || kind == null || query.get(name.value()) == null) {
                continue;
            }
            for (String value : query.get(name.value())) {
                try {
                    kind.parse().accept(value);
                } catch (RuntimeException e) {
                    return name.value() + " must be " + kind.says();
                }
            }
        }
        return null;
    }
}
