package org.gongyi.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The validating proxy reports what a document does not allow, of the request and of the answer, and lets the rest
 * through as it is: Prism with a small document, in front of a service that answers as told.
 */
class ValidatingProxiesTest {

    /** Two servers, the gateway's path and the service's root, as the services' documents list them. */
    private static final String DOCUMENT = """
            {"openapi": "3.0.3", "info": {"title": "items", "version": "1"},
             "servers": [{"url": "/api/items"}, {"url": "/"}],
             "paths": {
               "/items/{id}": {"get": {
                 "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "responses": {
                   "200": {"description": "the item", "content": {"application/json": {"schema": {
                     "$ref": "#/components/schemas/Item"}}}},
                   "404": {"description": "no such item"}}}},
               "/items": {"post": {
                 "requestBody": {"required": true, "content": {"application/json": {"schema": {
                   "type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}},
                 "responses": {"201": {"description": "made", "content": {"application/json": {"schema": {
                   "$ref": "#/components/schemas/Item"}}}}}}}},
             "components": {"schemas": {"Item": {"type": "object", "required": ["id", "name"],
               "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}}}}
            """;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> upstreamSaw = new CopyOnWriteArrayList<>();
    private static HttpServer service;
    private static ValidatingProxies proxies;
    private static LocalPlatform.Service items;

    @BeforeAll
    static void start() throws Exception {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            String target = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            upstreamSaw.add(target);
            record Answer(int status, String body) {}
            Answer answer = switch (target) {
                case "GET /items/good" -> new Answer(200, "{\"id\":\"good\",\"name\":\"Good\"}");
                case "GET /items/nameless" -> new Answer(200, "{\"id\":\"nameless\"}");
                case "GET /items/teapot" -> new Answer(418, "{\"id\":\"teapot\",\"name\":\"Teapot\"}");
                case "GET /items/broken" -> new Answer(200, "{\"id\":");
                case "POST /items" -> new Answer(201, "{\"id\":\"new\",\"name\":\"New\"}");
                default -> new Answer(404, "");
            };
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (body.length > 0) {
                exchange.getResponseHeaders().add("content-type", "application/json");
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        items = new LocalPlatform.Service(
                "items-service", "items", service.getAddress().getPort(), 0);
        proxies = ValidatingProxies.start(
                Map.of(items, new ObjectMapper().readTree(DOCUMENT)), Files.createTempDirectory("gongyi-test-prism-"));
    }

    @AfterAll
    static void stop() {
        if (proxies != null) {
            proxies.close();
        }
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    void whatTheDocumentAllowsPassesAsItIsAndTheRestIsReported() throws Exception {
        HttpResponse<String> good = send("GET", "/items/good", null);
        assertEquals(200, good.statusCode());
        assertEquals("{\"id\":\"good\",\"name\":\"Good\"}", good.body());
        assertEquals(201, send("POST", "/items", "{\"name\":\"New\"}").statusCode());
        assertEquals(404, send("GET", "/items/none", null).statusCode()); // declared
        // a request the document does not allow is refused, not forwarded
        assertEquals(422, send("POST", "/items", "{\"name\":42}").statusCode());
        // an answer it does not allow becomes Prism's 500
        assertEquals(500, send("GET", "/items/nameless", null).statusCode());
        // an answer Prism cannot read
        assertEquals(500, send("GET", "/items/broken", null).statusCode());
        // a status it does not declare is let through, reported as a warning
        assertEquals(418, send("GET", "/items/teapot", null).statusCode());
        // a path it lacks (the gateway's prefix too: the paths are matched as written, whatever the servers)
        assertEquals(404, send("GET", "/api/items/items/good", null).statusCode());

        assertEquals(
                List.of(
                        "items-service GET /items/good → 200",
                        "items-service POST /items → 201",
                        "items-service GET /items/none → 404",
                        "items-service POST /items → 422: body.name: Request body property name must be string (Error)",
                        "items-service GET /items/nameless → 500: response.body: Response body must have required "
                                + "property 'name' (Error)",
                        "items-service GET /items/broken → 500: FetchError: invalid json response body at http://127.0.0.1:"
                                + items.port() + "/items/broken reason: Unexpected end of JSON input",
                        "items-service GET /items/teapot → 418: response: Unable to match the returned status code "
                                + "with those defined in the document: 200,404 (Warning)",
                        "items-service GET /api/items/items/good → 404: Route not resolved, no path matched: The route "
                                + "/api/items/items/good hasn't been found in the specification file"),
                proxies.drain().stream().map(Object::toString).toList());
        assertEquals(
                List.of(
                        "GET /items/good",
                        "POST /items",
                        "GET /items/none",
                        "GET /items/nameless",
                        "GET /items/broken",
                        "GET /items/teapot"),
                upstreamSaw);
    }

    private static HttpResponse<String> send(String method, String target, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxies.port(items) + target))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("content-type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
