package org.gongyi.infra.test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request examples a service's OpenAPI document shows (issue #35), each checked against its operation by the
 * validator the contract check uses: an example that drifts from its schema is a violation. Path parameters are
 * filled with a value of their type; what a token or a query parameter must be is not the example's business.
 */
public final class OpenApiExamples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** One example of a request body: its operation ({@code POST /projects}), its name and its JSON. */
    public record Example(String operation, String name, String body) {}

    private OpenApiExamples() {}

    /** The document the service under test serves (JSON). */
    public static String servedDocument() {
        return RestAssured.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The body of the example named {@code operationAndName} ({@code POST /projects ongoing}). */
    public static String body(List<Example> examples, String operationAndName) {
        return examples.stream()
                .filter(e -> (e.operation() + " " + e.name()).equals(operationAndName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no example " + operationAndName))
                .body();
    }

    /** The request examples of a document (JSON), in the document's order. */
    public static List<Example> of(String document) {
        List<Example> examples = new ArrayList<>();
        read(document)
                .path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (!METHODS.contains(op.getKey())) {
                        return;
                    }
                    String operation = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    op.getValue()
                            .path("requestBody")
                            .path("content")
                            .properties()
                            .forEach(media -> media.getValue()
                                    .path("examples")
                                    .properties()
                                    .forEach(e -> examples.add(new Example(
                                            operation,
                                            e.getKey(),
                                            e.getValue().path("value").toString()))));
                }));
        return examples;
    }

    /** What is wrong with the document's request examples, one line each; empty when all match their operations. */
    public static List<String> violations(String document) {
        JsonNode paths = read(document).path("paths");
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withBasePathOverride("/")
                .build();
        List<String> violations = new ArrayList<>();
        for (Example example : of(document)) {
            String method = example.operation().substring(0, example.operation().indexOf(' '));
            String template = example.operation().substring(method.length() + 1);
            JsonNode operation = paths.path(template).path(method.toLowerCase(Locale.ROOT));
            Request request = new SimpleRequest.Builder(method, filled(template, operation))
                    .withContentType("application/json")
                    .withBody(example.body())
                    .build();
            for (ValidationReport.Message m : validator.validateRequest(request).getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR
                        && !m.getKey().startsWith("validation.request.security")
                        && !m.getKey().startsWith("validation.request.parameter")) {
                    violations.add(example.operation() + " example \"" + example.name() + "\": " + m.getKey() + ": "
                            + m.getMessage());
                }
            }
        }
        return violations;
    }

    /** The path with each parameter replaced by a value of its schema's type. */
    private static String filled(String template, JsonNode operation) {
        Matcher m = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            JsonNode schema = null;
            for (JsonNode p : operation.path("parameters")) {
                if (p.path("in").asText().equals("path")
                        && p.path("name").asText().equals(m.group(1))) {
                    schema = p.path("schema");
                }
            }
            m.appendReplacement(path, Matcher.quoteReplacement(sample(schema)));
        }
        m.appendTail(path);
        return path.toString();
    }

    private static String sample(JsonNode schema) {
        if (schema == null) {
            return "x";
        }
        if (schema.has("example")) {
            return schema.get("example").asText();
        }
        Map<String, String> byFormat = Map.of("uuid", "00000000-0000-4000-8000-000000000001", "date", "2026-12-06");
        if (byFormat.containsKey(schema.path("format").asText())) {
            return byFormat.get(schema.path("format").asText());
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> "1";
            default -> schema.path("pattern").asText().contains("\\d{4}-") ? "2026-12" : "x";
        };
    }

    private static JsonNode read(String document) {
        try {
            return JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
