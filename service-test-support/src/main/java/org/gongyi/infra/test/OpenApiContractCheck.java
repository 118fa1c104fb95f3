package org.gongyi.infra.test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every call a service's tests make through REST Assured, checked against the OpenAPI document the service serves
 * ({@code /q/openapi}) by swagger-request-validator (issue #35): a call the service took (an answer below 400) has its
 * request and its answer checked; a refused one its answer only (the request was wrong on purpose), whose status must
 * be declared, with the problem schema. A drift fails the test that made the call. The service's own endpoints
 * ({@code /q/…}) are not in the document and are not checked. The document's request examples are checked once, when
 * its first call is ({@link OpenApiExamples}).
 * <p>
 * Installed in front of every test by {@link OpenApiContractCallback} when the module's tests run with the system
 * property {@code gongyi.openapi.contract-check}: {@code fail} (the default once set) or {@code report} (every
 * violation appended to {@code target/openapi-contract.txt}, nothing failed: to see them all at once).
 */
public final class OpenApiContractCheck implements OrderedFilter {

    static final String PROPERTY = "gongyi.openapi.contract-check";

    /** A validator per service address (a test profile starts the service again, maybe elsewhere). */
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private final boolean fail;

    OpenApiContractCheck(boolean fail) {
        this.fail = fail;
    }

    @Override
    public int getOrder() {
        // next to the call itself: what is checked is what was sent and what came back
        return Integer.MAX_VALUE - 1;
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification spec, FilterContext ctx) {
        Response response = ctx.next(request, spec);
        URI uri = URI.create(request.getURI());
        if (uri.getPath().startsWith("/q/")) {
            return response;
        }
        OpenApiInteractionValidator validator =
                VALIDATORS.computeIfAbsent(uri.getScheme() + "://" + uri.getAuthority(), this::validatorOf);
        ValidationReport report = response.statusCode() < 400
                ? validator.validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response))
                : validator.validateResponse(
                        uri.getPath(), Request.Method.valueOf(request.getMethod()), RestAssuredResponse.of(response));
        if (report.hasErrors()) {
            String says = request.getMethod() + " " + uri.getPath() + " answered " + response.statusCode()
                    + ", which the served OpenAPI document does not allow:\n"
                    + SimpleValidationReportFormat.getInstance().apply(report) + "\nthe answer: "
                    + response.asString();
            if (fail) {
                throw new AssertionError(says);
            }
            report(says);
        }
        return response;
    }

    private OpenApiInteractionValidator validatorOf(String address) {
        String document = RestAssured.given()
                .baseUri(address)
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> examples = OpenApiExamples.violations(document);
        if (!examples.isEmpty()) {
            String says = "The served OpenAPI document's request examples do not match their operations:\n"
                    + String.join("\n", examples);
            if (fail) {
                throw new AssertionError(says);
            }
            report(says);
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                // the document names the gateway's path first (/api/<service>); the tests call the service at /
                .withBasePathOverride("/")
                .build();
    }

    private static synchronized void report(String says) {
        try {
            Files.writeString(
                    Path.of("target", "openapi-contract.txt"),
                    says + "\n\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
