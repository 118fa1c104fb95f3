package org.gongyi.common.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error leaves as {@code application/problem+json}. Client errors say what to fix; server errors say
 * nothing about internals (no stack trace, no SQL) and are logged here instead.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.title(), e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(400, "Bad Request", "The request has invalid fields.", uri, errors);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String detail;
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            detail = "Invalid value " + f.getValue() + " for " + path(f) + "; allowed: "
                    + Arrays.stream(f.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            detail = "Invalid value for " + path(m) + ": " + e.getOriginalMessage().split("\n")[0];
        } else {
            detail = "Malformed JSON: " + e.getOriginalMessage().split("\n")[0];
        }
        return respond(400, "Bad Request", detail, uri, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(status, title, "The server could not complete the request.", uri, null);
        }
        return respond(status, title, e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected error", e);
        return respond(500, "Internal Server Error", "The server could not complete the request.", uri, null);
    }

    private static Response respond(int status, String title, String detail, UriInfo uri,
                                    List<Problem.FieldError> errors) {
        Problem p = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String field(ConstraintViolation<?> v) {
        // "method.arg0.field" -> "field"; a parameter's own violation keeps its name
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }
}
