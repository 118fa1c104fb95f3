package org.gongyi.common.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error leaves as {@code application/problem+json}. Client errors say what to fix; server errors say
 * nothing about internals (no stack trace, no SQL) and are logged here instead.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response r = respond(e.status(), e.title(), e.getMessage(), uri, null);
        return e.retryAfterSeconds() == null
                ? r
                : Response.fromResponse(r)
                        .header("Retry-After", e.retryAfterSeconds())
                        .build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "Forbidden", "Your role does not allow this.", uri, null);
    }

    private static Response unauthorized(UriInfo uri) {
        Response r = respond(401, "Unauthorized", "A valid bearer token is required.", uri, null);
        return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
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
        return respond(400, "Bad Request", describe(e), uri, null);
    }

    /** Says what is wrong in the client's terms: never a Java class name or a parser's internals. */
    static String describe(JsonProcessingException e) {
        if (e instanceof InputCoercionException) {
            return "A number is out of range" + location(e);
        }
        if (e instanceof MismatchedInputException m
                && m.getTargetType() != null
                && !m.getPath().isEmpty()) {
            Class<?> target = m.getTargetType();
            if (target.isEnum()) {
                return "Invalid value for " + path(m) + "; allowed: "
                        + Arrays.stream(target.getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", "));
            }
            return "Invalid value for " + path(m) + ": expected " + expected(target);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return "Invalid value for " + path(m);
        }
        if (e instanceof MismatchedInputException) {
            return "The request body does not have the expected shape (a JSON object)";
        }
        return "Malformed JSON" + location(e);
    }

    private static String expected(Class<?> type) {
        if (type == Instant.class || type == OffsetDateTime.class || type == LocalDate.class) {
            return "an RFC 3339 timestamp such as 2030-01-01T00:00:00Z";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class || type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
    }

    /** A query parameter that does not convert is a bad request naming it (JAX-RS says 404, as for a wrong path). */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, ResourceInfo resource) {
        if (e.getCause() != null && resource != null && resource.getResourceMethod() != null) {
            String unconverted = UnconvertedQueryParams.of(resource.getResourceMethod(), uri.getQueryParameters());
            if (unconverted != null) {
                return respond(400, "Bad Request", unconverted, uri, null);
            }
        }
        return web(e, uri);
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

    private static Response respond(
            int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem p = new Problem(
                "about:blank",
                title,
                status,
                detail,
                uri == null ? null : uri.getRequestUri().getPath(),
                errors);
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
        return parts.length > 2
                ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }
}
