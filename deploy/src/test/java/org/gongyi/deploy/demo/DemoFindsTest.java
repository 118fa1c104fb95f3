package org.gongyi.deploy.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How the demo prints what a search or a friends' page answered (LocalPlatformIT reads the same APIs and compares):
 * a project by its name, an activity by its title, a standing with its rank, grams and trees, a feed entry with who did
 * what; a leaderboard's rows are its standings.
 */
class DemoFindsTest {

    @Test
    void eachKindOfRowIsPrintedByWhatIdentifiesIt() throws Exception {
        assertEquals(
                "免费午餐 Free lunch for rural pupils",
                Demo.row(Api.JSON.readTree("{\"id\":\"p\",\"name\":\"免费午餐 Free lunch for rural pupils\","
                        + "\"category\":\"CHILDREN\"}")));
        assertEquals(
                "西湖净滩 West Lake shore clean-up",
                Demo.row(Api.JSON.readTree(
                        "{\"id\":\"a\",\"title\":\"西湖净滩 West Lake shore clean-up\",\"place\":\"Su Causeway\"}")));
        assertEquals(
                "2. demo-forest-x-0 19,904 g 1 tree(s)",
                Demo.row(Api.JSON.readTree(
                        "{\"rank\":2,\"userId\":\"demo-forest-x-0\",\"weekGrams\":19904,\"trees\":1}")));
        assertEquals(
                "demo-forest-x-3 WATERED 10 g",
                Demo.row(Api.JSON.readTree("{\"kind\":\"WATERED\",\"friendId\":\"demo-forest-x-3\",\"grams\":10,"
                        + "\"at\":\"2026-12-06T01:00:00Z\"}")));
    }

    @Test
    void aLeaderboardsRowsAreItsStandingsAListsItsElements() throws Exception {
        assertEquals(
                List.of("1. a 20 g 0 tree(s)", "1. b 20 g 0 tree(s)"),
                Demo.rows(Api.JSON.readTree("{\"from\":\"2026-11-30\",\"to\":\"2026-12-06\",\"standings\":["
                                + "{\"rank\":1,\"userId\":\"a\",\"weekGrams\":20,\"trees\":0},"
                                + "{\"rank\":1,\"userId\":\"b\",\"weekGrams\":20,\"trees\":0}]}"))
                        .stream()
                        .map(Demo::row)
                        .toList());
        assertEquals(
                List.of("x", "y"),
                Demo.rows(Api.JSON.readTree("[{\"name\":\"x\"},{\"name\":\"y\"}]")).stream()
                        .map(Demo::row)
                        .toList());
        assertEquals(List.of(), Demo.rows(Api.JSON.readTree("[]")));
    }
}
