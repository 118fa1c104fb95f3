package org.gongyi.common.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id}: the id a request carries from the gateway through the service's logs ({@code %X{requestId}})
 * to the events it emits ({@code ce_requestid}), and on to what consumers emit in turn. A request without a usable
 * one gets a new UUID; the response always names it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key (log format {@code %X{requestId}}). */
    public static final String MDC_KEY = "requestId";

    private static final String KEY = "gongyi.request-id";
    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Registers the filter every HTTP request passes first (also requests that fail before reaching a resource). */
    void filter(@Observes Filters filters) {
        filters.register(
                rc -> {
                    String id = usable(rc.request().getHeader(HEADER));
                    if (id == null) {
                        id = UUID.randomUUID().toString();
                        rc.request().headers().set(HEADER, id);
                    }
                    rc.response().headers().set(HEADER, id);
                    set(id);
                    rc.next();
                },
                1000);
    }

    /** The header's value if it is one we propagate (1–128 of {@code A-Z a-z 0-9 . _ : -}), else null. */
    public static String usable(String value) {
        return value != null && USABLE.matcher(value).matches() ? value : null;
    }

    /** The request id of the request or event being handled on this context, or null. */
    public static String current() {
        return duplicated() ? ContextLocals.<String>get(KEY).orElse(null) : null;
    }

    /** Runs {@code work} with {@code id} (may be null: none) as the current request id. */
    public static <T> Uni<T> within(String id, Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .deferred(() -> {
                    set(id);
                    return work.get();
                })
                .eventually(() -> set(null));
    }

    private static void set(String id) {
        if (!duplicated()) {
            return;
        }
        if (id == null) {
            ContextLocals.remove(KEY);
            MDC.remove(MDC_KEY);
        } else {
            ContextLocals.put(KEY, id);
            MDC.put(MDC_KEY, id);
        }
    }

    private static boolean duplicated() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context);
    }
}
