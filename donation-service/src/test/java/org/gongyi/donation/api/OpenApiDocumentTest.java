package org.gongyi.donation.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.OpenApiExamples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the served document says (issue #35, docs/openapi.md), read as a client generator reads it: OpenAPI 3.0.3,
 * nulls and required fields, each operation's problems, a creation's 201 with its Location and body.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class OpenApiDocumentTest {

    private static JsonPath document() {
        return JsonPath.from(OpenApiExamples.servedDocument());
    }

    @Test
    void aProjectsNullsAndRequiredFieldsAreDeclared() {
        JsonPath d = document();
        assertEquals("3.0.3", d.getString("openapi"));
        Map<String, Object> description = d.getMap("components.schemas.ProjectView.properties.description");
        assertEquals(Map.of("type", "string", "nullable", true), description);
        Map<String, Object> closedAt = d.getMap("components.schemas.ProjectView.properties.closedAt");
        assertEquals(
                Map.of("type", "string", "format", "date-time", "nullable", true, "example", "2022-03-10T16:15:50Z"),
                closedAt);
        assertEquals(null, (Object) d.get("components.schemas.ProjectView.properties.name.nullable"));
        List<String> required = d.getList("components.schemas.ProjectView.required");
        assertEquals(
                d.getMap("components.schemas.ProjectView.properties").keySet(),
                Set.copyOf(required),
                "an answer carries every field");
        // a nullable object is inlined (a validator refuses null against allOf: [$ref])
        assertEquals(Boolean.TRUE, d.getBoolean("components.schemas.RuleView.properties.programme.nullable"));
        assertEquals("object", (Object) d.get("components.schemas.RuleView.properties.programme.type"));
    }

    @Test
    void eachOperationDeclaresItsProblemsAndACreationItsLocation() {
        JsonPath d = document();
        Map<String, Object> post = d.getMap("paths.'/projects'.post.responses");
        assertEquals(Set.of("201", "400", "401", "403", "413", "415", "429", "503", "504"), post.keySet());
        assertEquals(
                "#/components/schemas/ProjectView",
                d.getString("paths.'/projects'.post.responses.'201'.content.'application/json'.schema.$ref"));
        assertEquals("uri", d.getString("paths.'/projects'.post.responses.'201'.headers.Location.schema.format"));
        Map<String, Object> put = d.getMap("paths.'/items/{itemId}/charity-rule'.put.responses");
        assertEquals(Set.of("200", "400", "401", "403", "404", "409", "413", "415", "429", "503", "504"), put.keySet());
        assertEquals(
                "#/components/schemas/Problem",
                d.getString(
                        "paths.'/items/{itemId}/charity-rule'.put.responses.'409'.content.'application/problem+json'"
                                + ".schema.$ref"));
        assertTrue(d.getString("paths.'/items/{itemId}/charity-rule'.put.responses.'409'.description")
                .contains("closed or has ended"));
        assertEquals(
                Set.of("429", "409"),
                Set.copyOf(d.getMap("paths.'/campaigns/{campaignId}/lucky-bags'.post.responses").keySet().stream()
                        .filter(code -> code.equals("409") || code.equals("429"))
                        .toList()));
        assertEquals(List.of("type", "title", "status"), d.getList("components.schemas.Problem.required"));
    }

    /** What the gateway answers itself (deploy/gateway) is declared on every operation, a read's too. */
    @Test
    void theGatewaysOwnAnswersAreDeclaredOnEveryOperation() {
        JsonPath d = document();
        Map<String, Map<String, Object>> paths = d.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                return;
            }
            String responses = "paths.'" + path + "'." + method + ".responses";
            for (String code : List.of("429", "503", "504")) {
                assertEquals(
                        "#/components/schemas/Problem",
                        d.getString(responses + ".'" + code + "'.content.'application/problem+json'.schema.$ref"),
                        method + " " + path + " " + code);
            }
            assertEquals(
                    "integer", d.getString(responses + ".'429'.headers.Retry-After.schema.type"), method + " " + path);
        }));
        assertTrue(d.getString("paths.'/projects/{id}'.get.responses.'504'.description")
                .contains("did not answer in time"));
    }

    /** The main requests show examples, each of a body its operation accepts; the service takes them as written. */
    @Test
    void theMainRequestsHaveExamplesTheServiceTakes() {
        String document = OpenApiExamples.servedDocument();
        List<OpenApiExamples.Example> examples = OpenApiExamples.of(document);
        assertEquals(
                List.of(
                        "PUT /items/{itemId}/charity-rule preset",
                        "PUT /items/{itemId}/charity-rule percentage",
                        "PUT /items/{itemId}/charity-rule fixed",
                        "PUT /organisations/{id} verified",
                        "POST /programmes health-insurance",
                        "POST /programmes mothers-business",
                        "POST /projects ongoing",
                        "POST /projects time-limited"),
                examples.stream().map(e -> e.operation() + " " + e.name()).toList());
        assertEquals(List.of(), OpenApiExamples.violations(document));
        // a wrong example is found: the fixed rule's amount as text
        String wrong = document.replace("\"fixedFen\" : 200", "\"fixedFen\" : \"200\"");
        assertTrue(!wrong.equals(document), "the fixed rule's example is in the document as expected");
        assertEquals(1, OpenApiExamples.violations(wrong).size(), String.join("\n", OpenApiExamples.violations(wrong)));

        String admin = "Bearer " + GongyiTestInfrastructure.bearer("admin-1", "admin");
        given().header("Authorization", admin)
                .contentType("application/json")
                .body(OpenApiExamples.body(examples, "PUT /organisations/{id} verified"))
                .put("/organisations/{id}", "charity-1")
                .then()
                .statusCode(200);
        for (String name : List.of("POST /projects ongoing", "POST /projects time-limited")) {
            given().header("Authorization", admin)
                    .contentType("application/json")
                    .body(OpenApiExamples.body(examples, name))
                    .post("/projects")
                    .then()
                    .statusCode(201);
        }
    }

    /** The check sits in front of every call of these tests: an answer the document does not allow fails the call. */
    @Test
    void anAnswerTheDocumentDoesNotAllowFailsTheTestThatGotIt() {
        // nothing here answers CSV: 406, a status no operation declares
        AssertionError failed = assertThrows(
                AssertionError.class, () -> given().accept("text/csv").get("/projects/{id}", UUID.randomUUID()));
        assertTrue(
                failed.getMessage().contains("answered 406, which the served OpenAPI document does not allow"),
                failed.getMessage());
    }
}
