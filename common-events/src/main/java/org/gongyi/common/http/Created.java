package org.gongyi.common.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/** The answer to a request that made something: 201, where to read it ({@code Location}) and its view as JSON. */
public final class Created {

    private Created() {}

    /**
     * {@code path}: where it is read, under the service's base address, as a template whose parameters are
     * {@code values} in order, e.g. {@code Created.at(uri, view, "elders/{id}", elder.id())}.
     */
    public static Response at(UriInfo uri, Object view, String path, Object... values) {
        return at(uri.getBaseUriBuilder().path(path).build(values), view);
    }

    public static Response at(URI location, Object view) {
        return Response.created(location)
                .type(MediaType.APPLICATION_JSON)
                .entity(view)
                .build();
    }
}
