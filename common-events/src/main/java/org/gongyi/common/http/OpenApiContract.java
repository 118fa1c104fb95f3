package org.gongyi.common.http;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The served OpenAPI document says what the services answer (issue #35), as the tests check on every call
 * (service-test-support {@code OpenApiContractCheck}). Registered by {@code mp.openapi.filter}; runs at build.
 *
 * <ul>
 *   <li>the errors every operation of its kind can answer, as {@code application/problem+json} with the {@code Problem}
 *       schema: 401 and 403 with a security requirement; 404 with a path parameter (an unknown id, or one that does
 *       not convert); 400 with query parameters (one that does not convert too: {@code ProblemMappers}), a body or a
 *       constrained path parameter; 413 and 415 with a body; 429, 503 and 504 on every operation (the gateway's
 *       rates, an unreachable service, its timeout). What only the service knows (409, 410, a 429 of its own, a 404 of something a body names) the resource declares
 *       ({@code @APIResponse(responseCode = "409", description = ...)}); every 4xx/5xx gets the problem content;
 *   <li>a 201 names its {@code Location}; a response without a description gets a plain one;
 *   <li>scalar component schemas (Instant, UUID, LocalDate, YearMonth…) are inlined, and nullable objects and enums,
 *       so a nullable one stays nullable
 *       in OpenAPI 3.0 ({@code nullable} beside {@code allOf: [$ref]} does not make the referenced schema accept
 *       null);
 *   <li>every property of a schema only answered (never read from a request) is required: Jackson writes every
 *       record component, null or not ({@code @Schema(nullable = true)} says which may be null).
 * </ul>
 */
public class OpenApiContract implements OASFilter {

    static final String PROBLEM = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        inlineScalars(api);
        requireAnsweredProperties(api);
        inlineNullableObjects(api);
        api.getComponents().addSchema(PROBLEM, problemSchema());
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths()
                .getPathItems()
                .forEach((path, item) ->
                        item.getOperations().forEach((method, op) -> declareProblems(item, method, op)));
    }

    // --- problems

    static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string)
                .addProperty("message", string)
                .addRequired("field")
                .addRequired("message")
                .additionalPropertiesBoolean(false);
        return OASFactory.createSchema()
                .description("RFC 9457 problem details (application/problem+json); absent members are omitted")
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("title", string)
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .format("int32"))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(fieldError))
                .addRequired("type")
                .addRequired("title")
                .addRequired("status")
                .additionalPropertiesBoolean(false);
    }

    static void declareProblems(PathItem item, PathItem.HttpMethod method, Operation op) {
        Map<String, String> statuses = new TreeMap<>();
        List<Parameter> params = new ArrayList<>();
        if (item.getParameters() != null) {
            params.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            params.addAll(op.getParameters());
        }
        boolean body = op.getRequestBody() != null;
        if (op.getSecurity() != null && !op.getSecurity().isEmpty()) {
            statuses.put("401", "No valid bearer token");
            statuses.put("403", "The caller's role (or organisation) does not allow this");
        }
        if (params.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            statuses.put("404", "Not found (or a path parameter that does not convert to its type)");
        }
        if (body
                || params.stream()
                        .anyMatch(p -> p.getIn() == Parameter.In.QUERY
                                || (p.getIn() == Parameter.In.PATH && constrained(p.getSchema())))) {
            statuses.put("400", "The request is not valid: what to fix is in detail and errors");
        }
        if (body) {
            statuses.put("413", "The request body is over the limit (the service's 64 KiB; the gateway's 1 MB)");
            statuses.put("415", "The request body is not of a type the operation reads");
        }
        // what the gateway answers itself, for any operation (deploy/gateway: its per-client rates and timeouts)
        statuses.put("429", "Too many requests from this caller or address: retry after Retry-After seconds");
        statuses.put("503", "Through the gateway: the service behind this path is not reachable; try again shortly");
        statuses.put("504", "Through the gateway: the service did not answer in time (30 s)");
        APIResponses responses = op.getResponses();
        if (responses == null) {
            op.setResponses(responses = OASFactory.createAPIResponses());
        }
        for (Map.Entry<String, String> s : statuses.entrySet()) {
            if (!responses.hasAPIResponse(s.getKey())) {
                responses.addAPIResponse(
                        s.getKey(), OASFactory.createAPIResponse().description(s.getValue()));
            }
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                problemContent(response);
            }
            if (code.equals("429")
                    && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
                response.addHeader(
                        "Retry-After",
                        OASFactory.createHeader()
                                .description("Seconds to wait before trying again")
                                .schema(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.INTEGER)
                                        .format("int32")));
            }
            if (code.equals("201")
                    && (response.getHeaders() == null || !response.getHeaders().containsKey("Location"))) {
                response.addHeader(
                        "Location",
                        OASFactory.createHeader()
                                .description("Where what was made is read")
                                .schema(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.STRING)
                                        .format("uri")));
            }
            if (response.getDescription() == null || response.getDescription().isBlank()) {
                response.setDescription(code.equals("201") ? "Created" : code.equals("202") ? "Accepted" : "OK");
            }
        });
    }

    static void problemContent(APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        Content content = OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(PROBLEM)));
        response.setContent(content);
    }

    /** A parameter with a bean-validation constraint (a UUID's pattern comes with its format: not one). */
    static boolean constrained(Schema s) {
        return s != null
                && (s.getMinimum() != null
                        || s.getMaximum() != null
                        || s.getExclusiveMinimum() != null
                        || s.getExclusiveMaximum() != null
                        || s.getMinLength() != null
                        || s.getMaxLength() != null
                        || (s.getPattern() != null && s.getFormat() == null));
    }

    // --- scalars inlined

    static void inlineScalars(OpenAPI api) {
        Map<String, Schema> components = api.getComponents().getSchemas();
        if (components == null) {
            return;
        }
        Map<String, Schema> scalars = new HashMap<>();
        components.forEach((name, s) -> {
            if (s.getType() != null
                    && s.getType().equals(List.of(Schema.SchemaType.STRING))
                    && s.getProperties() == null
                    && s.getEnumeration() == null
                    && (s.getFormat() != null || s.getPattern() != null)) {
                scalars.put("#/components/schemas/" + name, s);
            }
        });
        if (scalars.isEmpty()) {
            return;
        }
        everySchema(api, s -> inline(s, scalars));
        scalars.keySet().forEach(ref -> api.getComponents().removeSchema(ref.substring(ref.lastIndexOf('/') + 1)));
    }

    static void inline(Schema s, Map<String, Schema> scalars) {
        Schema target = s.getRef() == null ? null : scalars.get(s.getRef());
        if (target != null) {
            s.setRef(null);
            copy(target, s);
            return;
        }
        // anyOf: [{$ref: scalar}, {type: null}] (a nullable reference in 3.1) becomes {type: [string, null], ...}
        List<Schema> anyOf = s.getAnyOf();
        if (anyOf != null && anyOf.size() == 2) {
            Schema ref = anyOf.stream()
                    .filter(a -> a.getRef() != null && scalars.containsKey(a.getRef()))
                    .findFirst()
                    .orElse(null);
            boolean nullable =
                    anyOf.stream().anyMatch(a -> List.of(Schema.SchemaType.NULL).equals(a.getType()));
            if (ref != null && nullable) {
                s.setAnyOf(null);
                copy(scalars.get(ref.getRef()), s);
                s.setType(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL));
            }
        }
    }

    static void copy(Schema from, Schema to) {
        to.setType(new ArrayList<>(from.getType()));
        to.setFormat(from.getFormat());
        if (from.getDescription() != null && to.getDescription() == null) {
            to.setDescription(from.getDescription());
        }
        if (from.getPattern() != null && to.getPattern() == null) {
            to.setPattern(from.getPattern());
        }
        if (from.getExamples() != null && to.getExamples() == null) {
            to.setExamples(new ArrayList<>(from.getExamples()));
        }
        // the model the build scans holds a list of examples; the one a service reads back from its built document at
        // start holds 3.0's single example: copied too, the served document is the one the build wrote
        if (from.getExample() != null && to.getExample() == null) {
            to.setExample(from.getExample());
        }
    }

    // --- nullable objects inlined

    /**
     * A nullable property whose type is another schema ({@code anyOf: [$ref, null]}, written for OpenAPI 3.0 as
     * {@code nullable} beside {@code allOf: [$ref]}) gets that schema's members (or an enum's values) itself: a
     * validator applies {@code allOf} to a null too, and refuses it.
     */
    static void inlineNullableObjects(OpenAPI api) {
        Map<String, Schema> components = api.getComponents().getSchemas();
        if (components == null) {
            return;
        }
        everySchema(api, s -> {
            List<Schema> anyOf = s.getAnyOf();
            if (anyOf == null || anyOf.size() != 2 || anyOf.stream().noneMatch(OpenApiContract::isNull)) {
                return;
            }
            String ref = anyOf.stream()
                    .map(Schema::getRef)
                    .filter(r -> r != null)
                    .findFirst()
                    .orElse(null);
            Schema target = ref == null ? null : components.get(ref.substring(ref.lastIndexOf('/') + 1));
            if (target != null && target.getEnumeration() != null && target.getType() != null) {
                // a nullable enum: its values here, and null
                s.setAnyOf(null);
                List<Schema.SchemaType> types = new ArrayList<>(target.getType());
                types.add(Schema.SchemaType.NULL);
                s.setType(types);
                s.setEnumeration(new ArrayList<>(target.getEnumeration()));
                return;
            }
            if (target == null || target.getProperties() == null) {
                return;
            }
            s.setAnyOf(null);
            s.setType(List.of(Schema.SchemaType.OBJECT, Schema.SchemaType.NULL));
            s.setProperties(new LinkedHashMap<>(target.getProperties()));
            s.setRequired(target.getRequired() == null ? null : new ArrayList<>(target.getRequired()));
            if (s.getDescription() == null) {
                s.setDescription(target.getDescription());
            }
        });
    }

    private static boolean isNull(Schema s) {
        return List.of(Schema.SchemaType.NULL).equals(s.getType());
    }

    // --- required

    /** Schemas reached from responses only get every property required. */
    static void requireAnsweredProperties(OpenAPI api) {
        Map<String, Schema> components = api.getComponents().getSchemas();
        if (components == null || api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> read = new HashSet<>();
        Set<String> answered = new HashSet<>();
        api.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(op -> {
                    if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                        op.getRequestBody().getContent().getMediaTypes().values().stream()
                                .map(MediaType::getSchema)
                                .forEach(s -> reach(s, components, read));
                    }
                    if (op.getParameters() != null) {
                        op.getParameters().forEach(p -> reach(p.getSchema(), components, read));
                    }
                    if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                        op.getResponses().getAPIResponses().values().stream()
                                .filter(r -> r.getContent() != null)
                                .flatMap(r -> r.getContent().getMediaTypes().values().stream())
                                .map(MediaType::getSchema)
                                .forEach(s -> reach(s, components, answered));
                    }
                }));
        answered.removeAll(read);
        for (String name : answered) {
            Schema s = components.get(name);
            if (s.getProperties() != null && !s.getProperties().isEmpty()) {
                s.setRequired(new ArrayList<>(s.getProperties().keySet()));
            }
        }
    }

    static void reach(Schema s, Map<String, Schema> components, Set<String> names) {
        walk(s, x -> {
            if (x.getRef() != null) {
                String name = x.getRef().substring(x.getRef().lastIndexOf('/') + 1);
                if (names.add(name) && components.containsKey(name)) {
                    reach(components.get(name), components, names);
                }
            }
        });
    }

    // --- walking

    static void everySchema(OpenAPI api, Consumer<Schema> visit) {
        api.getComponents().getSchemas().values().forEach(s -> walk(s, visit));
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().getPathItems().values().forEach(item -> {
            if (item.getParameters() != null) {
                item.getParameters().forEach(p -> walk(p.getSchema(), visit));
            }
            item.getOperations().values().forEach(op -> {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> walk(p.getSchema(), visit));
                }
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                    op.getRequestBody().getContent().getMediaTypes().values().forEach(m -> walk(m.getSchema(), visit));
                }
                if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                    op.getResponses().getAPIResponses().values().stream()
                            .filter(r -> r.getContent() != null)
                            .flatMap(r -> r.getContent().getMediaTypes().values().stream())
                            .forEach(m -> walk(m.getSchema(), visit));
                }
            });
        });
    }

    static void walk(Schema s, Consumer<Schema> visit) {
        if (s == null) {
            return;
        }
        visit.accept(s);
        if (s.getProperties() != null) {
            new LinkedHashMap<>(s.getProperties()).values().forEach(p -> walk(p, visit));
        }
        walk(s.getItems(), visit);
        walk(s.getAdditionalPropertiesSchema(), visit);
        for (List<Schema> list : new List[] {s.getAllOf(), s.getAnyOf(), s.getOneOf()}) {
            if (list != null) {
                new ArrayList<>(list).forEach(x -> walk(x, visit));
            }
        }
    }
}
